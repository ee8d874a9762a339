import table from './prices-eu-west-3.json' with { type: 'json' };

export interface Price {
  usd: number;
  unit: string;
  service: string;
  source: string;
  /** False when the figure is the reference region's, used for Paris until checked. */
  regional: boolean;
}

export type PriceKey = keyof typeof table.prices;

export interface PriceTable {
  region: string;
  region_name: string;
  version: number;
  dated: string;
  eur_per_usd: number;
  how_read: string;
  prices: Record<PriceKey, Price>;
}

/** The dated, versioned eu-west-3 (Paris) list prices the estimate uses. */
export const PARIS_PRICES: PriceTable = table;
