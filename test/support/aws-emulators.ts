import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { vi } from 'vitest';
import { ManualClock } from '../../src/platform/clock.ts';

/** What the clients of the emulators sign with: any key works on dynalite; s3rver knows its own. */
export const EMULATOR_REGION = 'eu-west-3';
const FAKE_CREDENTIALS = { accessKeyId: 'x', secretAccessKey: 'x' };
// s3rver checks signatures against its one built-in account.
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A dynalite server on loopback holding one single table shaped like the CDK one (pk/sk strings). */
export interface DynaliteTable {
  client: DynamoDBClient;
  tableName: string;
  /** Stops the server and starts a new one on the same LevelDB folder (a restarted database). */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

interface Listening {
  close(callback: () => void): void;
  address(): AddressInfo | string | null;
}

async function listenOnLoopback<S extends Listening & { listen(port: number, host: string, cb: () => void): unknown }>(server: S): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const closeServer = (server: Listening) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Starts dynalite on port 0 with its data in a temporary folder, and creates the table. */
export async function startDynaliteTable(tableName = 'novaevo-test'): Promise<DynaliteTable> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-dynalite-'));
  let server: Listening;
  let client: DynamoDBClient;
  const start = async () => {
    const s = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const endpoint = await listenOnLoopback(s);
    server = s;
    client = new DynamoDBClient({ endpoint, region: EMULATOR_REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  };
  await start();
  await client!.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  const table: DynaliteTable = {
    get client() {
      return client;
    },
    tableName,
    async restart() {
      client.destroy();
      await closeServer(server);
      await start();
    },
    async dispose() {
      client.destroy();
      await closeServer(server);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return table;
}

/** An s3rver on loopback with one bucket, its objects in a temporary folder. */
export interface S3rverBucket {
  client: S3Client;
  bucket: string;
  /** Stops the server and starts a new one on the same folder. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startS3rverBucket(bucket = 'novaevo-documents'): Promise<S3rverBucket> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-s3rver-'));
  let server: InstanceType<typeof S3rver>;
  let client: S3Client;
  const start = async () => {
    const s = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true });
    const address = await s.run();
    server = s;
    client = new S3Client({
      endpoint: `http://127.0.0.1:${address.port}`,
      region: EMULATOR_REGION,
      credentials: S3RVER_CREDENTIALS,
      forcePathStyle: true,
      maxAttempts: 1,
      // s3rver predates flexible checksums; send and expect them only where an operation requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    // Node writes each response's Date header from the real clock, even while a ProcessDateClock
    // sets Date: the SDK would take that for clock skew and sign with the real time.
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          const result = await next(args);
          dropDateHeader(result.response);
          return result;
        } catch (err) {
          dropDateHeader((err as { $response?: unknown }).$response);
          throw err;
        }
      },
      { step: 'deserialize', priority: 'low', name: 'dropEmulatorDateHeader' },
    );
  };
  await start();
  await client!.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    get client() {
      return client;
    },
    bucket,
    async restart() {
      client.destroy();
      await server.close();
      await start();
    },
    async dispose() {
      client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function dropDateHeader(response: unknown): void {
  const headers = (response as { headers?: Record<string, string> } | undefined)?.headers;
  if (headers) delete headers.date;
}

/**
 * A ManualClock that also sets the process's Date (only Date: timers run as usual). An emulator
 * running in this process, like s3rver, then checks presigned-URL expiry (and request signing dates) by
 * the test's clock, as the local adapters do with their injected clock.
 */
export class ProcessDateClock extends ManualClock {
  constructor(start: Date | string) {
    super(start);
    vi.useFakeTimers({ toFake: ['Date'], now: this.now() });
  }
  override advance(ms: number): void {
    super.advance(ms);
    vi.setSystemTime(this.now());
  }
  override set(instant: Date | string): void {
    super.set(instant);
    vi.setSystemTime(this.now());
  }
  /** Gives the process its real Date back. */
  restore(): void {
    vi.useRealTimers();
  }
}

/**
 * Checks a presigned S3 URL's SigV4 signature as S3 does for a request made with `method` and
 * `contentType` (s3rver checks expiry but, as its source says, leaves SigV4 signatures unchecked):
 * the canonical request is rebuilt from what the client sends, over the headers the URL names
 * in X-Amz-SignedHeaders, and signed again with s3rver's secret.
 */
export async function presignedSignatureMatches(url: string, method: string, contentType: string | undefined): Promise<boolean> {
  const parsed = new URL(url);
  const query = Object.fromEntries(parsed.searchParams);
  const { 'X-Amz-Signature': given, 'X-Amz-Date': amzDate, 'X-Amz-Expires': expires, 'X-Amz-SignedHeaders': signedHeaders } = query;
  if (!given || !amzDate || !expires || !signedHeaders) return false;
  const sent: Record<string, string | undefined> = { host: parsed.host, 'content-type': contentType };
  const headers: Record<string, string> = {};
  for (const name of signedHeaders.split(';')) {
    const value = sent[name];
    if (value === undefined) return false;
    headers[name] = value;
  }
  // The signer puts these back; the payload hash comes from its header (presigned: UNSIGNED-PAYLOAD).
  const rest = Object.fromEntries(Object.entries(query).filter(([name]) => !/^X-Amz-(Signature|Date|Expires|SignedHeaders|Algorithm|Credential|Security-Token|Content-Sha256)$/.test(name)));
  headers['X-Amz-Content-Sha256'] = query['X-Amz-Content-Sha256'] ?? 'UNSIGNED-PAYLOAD';
  const signer = new SignatureV4({ service: 's3', region: EMULATOR_REGION, credentials: S3RVER_CREDENTIALS, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const signingDate = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const again = await signer.presign(
    { method, protocol: parsed.protocol, hostname: parsed.hostname, port: Number(parsed.port), path: parsed.pathname, query: rest, headers },
    { signingDate, expiresIn: Number(expires), unsignableHeaders: new Set(), signableHeaders: new Set(Object.keys(headers)) },
  );
  return again.query?.['X-Amz-Signature'] === given;
}
