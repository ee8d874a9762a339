import type { JobEvent } from '../job/job-events.ts';

/** A platform answer the agent cannot go on from (the job refused an event, the package is not released). */
export class AgentApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'AgentApiError';
  }
}

/** The job as the agent reads it. */
export interface AgentJob {
  id: string;
  status: string;
  vin: string;
  ecuHardware: string;
  ecuSoftware: string;
  packageSha256: string;
  toSoftware: string;
  segments: Array<{ address: number; length: number }>;
  failure: { code: string; message: string } | null;
}

/** The released package. */
export interface AgentPackage {
  manifest: unknown;
  signature: string;
  /** The platform's signing key (SPKI PEM), as `GET /v1/flash/signing-key` publishes it. */
  publicKey: string;
  baseAddress: number | null;
  download: { url: string };
}

/** The flash API as the agent uses it: the pro's bearer token over HTTP. */
export class AgentApi {
  constructor(private readonly base: string, private readonly token: string, private readonly fetchFn: typeof fetch = fetch) {}

  job(id: string): Promise<AgentJob> {
    return this.#call('GET', `/v1/flash/jobs/${id}`);
  }

  report(id: string, event: JobEvent): Promise<AgentJob> {
    return this.#call('POST', `/v1/flash/jobs/${id}/events`, event);
  }

  package(id: string): Promise<AgentPackage> {
    return this.#call('GET', `/v1/flash/jobs/${id}/package`);
  }

  backupUploadUrl(id: string): Promise<{ url: string }> {
    return this.#call('POST', `/v1/flash/jobs/${id}/backup/upload-url`);
  }

  /** The backup's download URL, or undefined when the job keeps none. */
  async backupUrl(id: string): Promise<string | undefined> {
    try {
      return (await this.#call<{ url: string }>('GET', `/v1/flash/jobs/${id}/backup`)).url;
    } catch (err) {
      if (err instanceof AgentApiError && err.code === 'BACKUP_NOT_FOUND') return undefined;
      throw err;
    }
  }

  /** Reads a signed URL (no bearer token: the URL is the credential). */
  async download(url: string): Promise<Uint8Array> {
    const res = await this.fetchFn(url);
    if (!res.ok) throw new AgentApiError(res.status, 'DOWNLOAD_FAILED', `GET ${new URL(url).pathname} answered ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Writes JSON to a signed PUT URL. */
  async upload(url: string, body: string): Promise<void> {
    const res = await this.fetchFn(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    if (!res.ok) throw new AgentApiError(res.status, 'UPLOAD_FAILED', `PUT ${new URL(url).pathname} answered ${res.status}`);
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetchFn(new URL(path, this.base), {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
    if (!res.ok) throw new AgentApiError(res.status, json.code ?? `HTTP_${res.status}`, `${method} ${path}: ${json.detail ?? res.statusText}`);
    return json as T;
  }
}
