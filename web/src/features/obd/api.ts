import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { callApi as call } from '../../app/api/call-api.ts';
import { sessionFetch } from '../../app/api/client.ts';

// Typed by hand until the OBD routes are in the generated schema (the module is not wired yet).
export interface ObdDevice {
  id: string;
  vehicleId: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}
export interface CreatedDevice {
  deviceId: string;
  secret: string;
  mqtt: { url: string; username: string; topic: string; commandTopic: string };
  device: ObdDevice;
}
export interface Bucket {
  t: string;
  min: number;
  max: number;
  avg: number;
  count: number;
}
export interface VehicleDtc {
  code: string;
  description: string;
  system: string;
  status: 'active' | 'pending' | 'permanent' | 'cleared';
  firstSeen: string;
  lastSeen: string;
}


const DEVICES = ['obd', 'devices'] as const;

export function useDevices() {
  return useQuery({ queryKey: DEVICES, queryFn: () => call<{ items: ObdDevice[] }>('GET', '/v1/obd/devices?limit=100') });
}

export function useCreateDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { vin: string; label: string }) => call<CreatedDevice>('POST', '/v1/obd/devices', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DEVICES }),
  });
}

export function useRevokeDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call<void>('DELETE', `/v1/obd/devices/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DEVICES }),
  });
}

export function useTelemetry(vehicleId: string, pid: string, bucket: string) {
  return useQuery({
    queryKey: ['obd', 'telemetry', vehicleId, pid, bucket],
    queryFn: () => call<Bucket[]>('GET', `/v1/vehicles/${vehicleId}/telemetry?pid=${encodeURIComponent(pid)}&bucket=${bucket}`),
  });
}

export function useDtcs(vehicleId: string, lang: string) {
  return useQuery({ queryKey: ['obd', 'dtcs', vehicleId, lang], queryFn: () => call<VehicleDtc[]>('GET', `/v1/vehicles/${vehicleId}/dtcs?lang=${lang}`) });
}

/** The last value of each live PID, from the vehicle's server-sent events (snapshot, then readings). */
export function useLiveReadings(vehicleId: string): { values: Record<string, number>; connected: boolean } {
  const [values, setValues] = useState<Record<string, number>>({});
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    const apply = (readings: { pid: string; value: number }[]) => setValues((old) => ({ ...old, ...Object.fromEntries(readings.map((r) => [r.pid, r.value])) }));
    void (async () => {
      // fetch, not EventSource: the stream needs the Authorization header.
      const res = await sessionFetch(new Request(new URL(`/v1/vehicles/${vehicleId}/live`, window.location.origin), { signal: abort.signal }));
      if (!res.ok || !res.body) return;
      setConnected(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const events = buffer.split('\n\n');
        buffer = events.pop() ?? '';
        for (const event of events) {
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (data && /^event: (snapshot|reading)$/m.test(event)) apply((JSON.parse(data) as { readings: { pid: string; value: number }[] }).readings);
        }
      }
    })()
      .catch(() => {})
      .finally(() => setConnected(false));
    return () => abort.abort();
  }, [vehicleId]);
  return { values, connected };
}
