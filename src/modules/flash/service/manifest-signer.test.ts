import { createServer, type IncomingMessage } from 'node:http';
import { generateKeyPairSync, sign as ed25519Sign } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import { flashModule } from '../index.ts';
import { imageOf } from '../firmware/firmware-image.ts';
import { createManifest, manifestSigningBytes } from '../package/manifest.ts';
import { verifyManifest } from '../package/signature.ts';
import { kmsManifestSigner } from './kms-manifest-signer.ts';
import { keyFromFile, localManifestSigner, parseSigningKey } from './manifest-signer.ts';

const manifest = createManifest(imageOf('ihex', [{ address: 0x8000, data: Uint8Array.from({ length: 64 }, (_, i) => i) }]), {
  firmwareId: 'f1',
  compat: { make: 'Renault', ecuHardware: ['237100123R'], fromSoftware: ['1.1'], toSoftware: '1.2' },
  createdAt: new Date('2026-05-01T08:00:00Z'),
});

describe('signer configuration', () => {
  it('has no default key, and refuses FLASH_SIGNER=kms without a key id, naming the variable', () => {
    expect(loadConfig({}, { modules: [flashModule] }).modules.flash).toMatchObject({ FLASH_SIGNER: 'local' });
    expect((loadConfig({}, { modules: [flashModule] }).modules.flash as { FLASH_SIGNING_KEY?: string }).FLASH_SIGNING_KEY).toBeUndefined();
    expect(() => loadConfig({ FLASH_SIGNER: 'kms' }, { modules: [flashModule] })).toThrow(/FLASH_KMS_KEY_ID/);
    expect(() => loadConfig({ FLASH_SIGNER: 'kms', FLASH_KMS_KEY_ID: 'alias/novaevo-flash' }, { modules: [flashModule] })).not.toThrow();
  });
});

describe('local manifest signer', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-flash-key-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('signs with the configured seed, verifiable with the key it publishes; a bad key is refused without quoting it', async () => {
    const seed = 'ab'.repeat(32);
    const signer = localManifestSigner(async () => parseSigningKey(seed));
    const signature = await signer.sign(manifest);
    expect(verifyManifest(manifest, signature, await signer.publicKeyPem())).toMatchObject({ ok: true });
    const secret = 'not-a-key-but-a-secret-value';
    let message = '';
    try {
      parseSigningKey(secret);
    } catch (err) {
      message = (err as Error).message;
      expect(err).toMatchObject({ code: 'FLASH_SIGNING_KEY_INVALID' });
    }
    expect(message).not.toBe('');
    expect(message).not.toContain(secret);
    expect(() => parseSigningKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/Ed25519/);
  });

  it('generates a key once into the data folder (0600 in a 0700 folder) and keeps it; never replaces a damaged file', async () => {
    const file = path.join(dir, 'flash', 'signing-key.pem');
    const first = localManifestSigner(() => keyFromFile(file));
    const again = localManifestSigner(() => keyFromFile(file));
    const [a, b] = await Promise.all([first.publicKeyPem(), again.publicKeyPem()]);
    expect(a).toBe(b);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(verifyManifest(manifest, await again.sign(manifest), a)).toMatchObject({ ok: true });

    await writeFile(file, 'damaged');
    await expect(keyFromFile(file)).rejects.toMatchObject({ code: 'FLASH_SIGNING_KEY_INVALID' });
    expect(await readFile(file, 'utf8')).toBe('damaged');
  });
});

/**
 * A stand-in KMS endpoint (AWS JSON 1.1, as the SDK speaks it) that records each request and
 * answers as the KMS API reference documents Sign and GetPublicKey, signing with a local Ed25519
 * key in place of the HSM's.
 */
describe('KMS manifest signer', () => {
  const hsm = generateKeyPairSync('ed25519');
  const keyArn = 'arn:aws:kms:eu-west-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const requests: { target: string; contentType: string; body: Record<string, unknown> }[] = [];
  let answer: 'documented' | 'wrong-key' | 'invalid-state' = 'documented';
  let endpoint: string;
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const target = String(req.headers['x-amz-target']);
    requests.push({ target, contentType: String(req.headers['content-type']), body });
    const reply = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(json));
    };
    if (answer === 'invalid-state') return reply(400, { __type: 'KMSInvalidStateException', message: 'arn is pending deletion.' });
    if (target === 'TrentService.GetPublicKey') {
      return reply(200, {
        KeyId: keyArn, KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY',
        PublicKey: hsm.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
        SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
      });
    }
    const signer = answer === 'wrong-key' ? generateKeyPairSync('ed25519').privateKey : hsm.privateKey;
    const signature = ed25519Sign(null, Buffer.from(String(body.Message), 'base64'), signer);
    return reply(200, { KeyId: keyArn, Signature: signature.toString('base64'), SigningAlgorithm: 'ED25519_SHA_512' });
  });
  const client = () => ({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends Sign with ED25519_SHA_512 over the raw signing bytes and publishes the key of GetPublicKey, which verifies the package', async () => {
    answer = 'documented';
    requests.length = 0;
    const signer = kmsManifestSigner({ keyId: 'alias/novaevo-flash', client: client() });
    const signature = await signer.sign(manifest);
    const publicKey = await signer.publicKeyPem();
    expect(publicKey).toBe(hsm.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(verifyManifest(manifest, signature, publicKey)).toMatchObject({ ok: true });
    expect(requests.map((r) => r.target)).toEqual(['TrentService.GetPublicKey', 'TrentService.Sign']);
    expect(requests[0]!.body).toEqual({ KeyId: 'alias/novaevo-flash' });
    expect(requests[1]!.contentType).toBe('application/x-amz-json-1.1');
    expect(requests[1]!.body).toEqual({
      KeyId: 'alias/novaevo-flash',
      Message: Buffer.from(manifestSigningBytes(manifest)).toString('base64'),
      MessageType: 'RAW',
      SigningAlgorithm: 'ED25519_SHA_512',
    });
    // Within KMS's 4,096-byte limit for RAW messages, whatever the manifest holds.
    expect(manifestSigningBytes({ ...manifest, compat: { ...manifest.compat, ecuHardware: Array.from({ length: 100 }, (_, i) => `P${i}`.padEnd(64, 'x')) } }).length).toBe(154);
    await signer.sign(manifest);
    expect(requests.filter((r) => r.target === 'TrentService.GetPublicKey')).toHaveLength(1);
  });

  it('refuses a signature that does not verify with the published key, and answers a KMS error with a 503', async () => {
    answer = 'wrong-key';
    const signer = kmsManifestSigner({ keyId: keyArn, client: client() });
    await expect(signer.sign(manifest)).rejects.toMatchObject({ status: 502, code: 'FLASH_SIGNATURE_INVALID' });
    answer = 'invalid-state';
    await expect(kmsManifestSigner({ keyId: keyArn, client: client() }).sign(manifest)).rejects.toMatchObject({ status: 503, code: 'FLASH_SIGNER_UNAVAILABLE' });
  });
});
