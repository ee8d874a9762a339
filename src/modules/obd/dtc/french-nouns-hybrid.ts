/** TODO */
export const HYBRID_NOUNS: ReadonlyArray<readonly [string, string]> = [
];
