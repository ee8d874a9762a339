import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';

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
