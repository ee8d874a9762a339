import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi as call } from '../../app/api/call-api.ts';

// Typed by hand until the flash routes are in the generated schema (the module is not wired yet).
export interface Reason {
  code: string;
  message: string;
}
export interface Firmware {
  id: string;
  format: 'ihex' | 'srec' | 'bin';
  sha256: string;
  size: number;
  crc32: number;
  segments: Array<{ address: number; length: number; sha256: string }>;
  make: string;
  ecuHardware: string[];
  fromSoftware: string[];
  toSoftware: string;
  notes: string;
  signature: string;
  createdAt: string;
  incompatibilities?: Reason[];
}
export type JobStatus = 'awaiting_precheck' | 'awaiting_backup' | 'ready' | 'flashing' | 'verifying' | 'completed' | 'failed' | 'rolled_back';
export interface FlashJob {
  id: string;
  status: JobStatus;
  vin: string;
  ecuHardware: string;
  ecuSoftware: string;
  firmwareId: string;
  packageSha256: string;
  toSoftware: string;
  progress: { step: string; blocksDone?: number; blocksTotal?: number } | null;
  backup: { sha256: string; size: number } | null;
  readBackSha256: string | null;
  failure: Reason | null;
  deadline: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
export interface AuditVerification {
  ok: boolean;
  count: number;
  headHash?: string;
  brokenAt?: number;
  reason?: string;
  verifiedAt: string;
}

const ACTIVE: readonly JobStatus[] = ['awaiting_precheck', 'awaiting_backup', 'ready', 'flashing', 'verifying'];


/** The catalogue; with an ECU, each firmware says why it does not fit (empty when it does). */
export function useFirmwares(ecu?: { vin: string; ecuHardware: string; ecuSoftware: string }) {
  const query = ecu ? `&${new URLSearchParams(ecu).toString()}` : '';
  return useQuery({ queryKey: ['flash', 'firmwares', ecu ?? null], queryFn: () => call<{ items: Firmware[] }>('GET', `/v1/flash/firmwares?limit=100${query}`) });
}

export function useUploadFirmware() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; metadata: Record<string, unknown> }) => {
      const form = new FormData();
      form.set('file', input.file);
      form.set('metadata', JSON.stringify(input.metadata));
      return call<Firmware>('POST', '/v1/flash/firmwares', form);
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['flash', 'firmwares'] }),
  });
}

export function useJobs() {
  return useQuery({ queryKey: ['flash', 'jobs'], queryFn: () => call<{ items: FlashJob[] }>('GET', '/v1/flash/jobs?limit=100') });
}

export function useCreateJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { vin: string; ecuHardware: string; ecuSoftware: string; firmwareId: string }) => call<FlashJob>('POST', '/v1/flash/jobs', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['flash', 'jobs'] }),
  });
}

/** One job, polled every second while its agent works (live progress). */
export function useJob(id: string) {
  return useQuery({
    queryKey: ['flash', 'job', id],
    queryFn: () => call<FlashJob>('GET', `/v1/flash/jobs/${id}`),
    refetchInterval: (q) => (q.state.data && !ACTIVE.includes(q.state.data.status) ? false : 1000),
  });
}

export function useJobAudit(id: string, status: JobStatus | undefined) {
  return useQuery({ queryKey: ['flash', 'job', id, 'audit', status], queryFn: () => call<{ items: AuditEntry[] }>('GET', `/v1/flash/jobs/${id}/audit`) });
}

export function useAuditVerification() {
  return useQuery({ queryKey: ['flash', 'audit', 'verification'], queryFn: () => call<AuditVerification>('GET', '/v1/admin/flash/audit/verification') });
}
