import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api/client.ts';
import { unwrap } from '../../app/api/problem.ts';
import type { components } from '../../app/api/schema.gen.ts';

export type Vehicle = components['schemas']['Vehicle'];
export type NewVehicle = components['schemas']['NewVehicle'];

const KEY = ['vehicles'] as const;

/** The caller's vehicles, page by page (`next_cursor`). */
export function useVehicles() {
  return useInfiniteQuery({
    queryKey: KEY,
    queryFn: ({ pageParam }) => unwrap(api.GET('/v1/vehicles', { params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export function useVehicle(id: string) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => unwrap(api.GET('/v1/vehicles/{id}', { params: { path: { id } } })) });
}

/**
 * Registers a vehicle. The Idempotency-Key is the form's: a double click or a retry after a lost
 * answer registers it once.
 */
export function useAddVehicle(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewVehicle) => unwrap(api.POST('/v1/vehicles', { body, headers: { 'Idempotency-Key': idempotencyKey } })),
    onSuccess: (vehicle) => {
      queryClient.setQueryData([...KEY, vehicle.id], vehicle);
      return queryClient.invalidateQueries({ queryKey: KEY, exact: true });
    },
  });
}

/**
 * Saves the vehicle with this VIN as given: updated when the caller already registered it,
 * else created (`created` tells which). Repeating it changes nothing, so it needs no key.
 */
export function useSaveVehicleByVin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ vin, ...body }: NewVehicle) => {
      const call = api.PUT('/v1/vehicles/by-vin/{vin}', { params: { path: { vin } }, body });
      const vehicle = await unwrap(call);
      return { vehicle, created: (await call).response.status === 201 };
    },
    onSuccess: ({ vehicle }) => {
      queryClient.setQueryData([...KEY, vehicle.id], vehicle);
      return queryClient.invalidateQueries({ queryKey: KEY, exact: true });
    },
  });
}
