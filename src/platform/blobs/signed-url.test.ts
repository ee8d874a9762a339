import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signBlobUrl, verifyBlobUrl, MAX_SIGNED_URL_SECONDS, type BlobUrlSigning } from './signed-url.ts';

const signing: BlobUrlSigning = { baseUrl: 'http://127.0.0.1:3000/v1/blobs/', secret: 'x'.repeat(32) };
const now = new Date('2026-03-01T10:00:00.400Z');

const segment = fc
  .stringMatching(/^[A-Za-z0-9!_.'()=-]{1,20}$/)
  .filter((s) => s !== '.' && s !== '..');
const blobKey = fc.array(segment, { minLength: 1, maxLength: 5 }).map((segments) => segments.join('/'));
const method = fc.constantFrom('GET' as const, 'PUT' as const);
const contentType = fc.option(fc.constantFrom('application/pdf', 'image/jpeg', 'text/plain; charset=utf-8'), { nil: undefined });

/** What the HTTP route will do: split a signed URL into the key (from the path) and the query. */
function parse(url: string) {
  const parsed = new URL(url);
  const base = new URL(signing.baseUrl).pathname;
  const key = parsed.pathname.slice(base.length).split('/').map(decodeURIComponent).join('/');
  return { key, query: parsed.searchParams };
}

describe('signed blob URLs', () => {
  it('point under the base URL with expiry, method and signature in the query', () => {
    const url = signBlobUrl(signing, { key: 'kbis/org-1/extract.pdf', method: 'GET', expiresInSeconds: 300 }, now);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/v1\/blobs\/kbis\/org-1\/extract\.pdf\?expires=1772359500&method=GET&sig=[A-Za-z0-9_-]{43}$/);
  });

  it('verify for the signed key, method and content type until they expire', () => {
    fc.assert(
      fc.property(blobKey, method, contentType, fc.integer({ min: 1, max: MAX_SIGNED_URL_SECONDS }), (key, m, type, seconds) => {
        const { key: parsedKey, query } = parse(signBlobUrl(signing, { key, method: m, expiresInSeconds: seconds, contentType: type }, now));
        expect(parsedKey).toBe(key);
        const request = { secret: signing.secret, key, method: m, query, contentType: type };
        const justBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 + seconds * 1000 - 1);
        expect(verifyBlobUrl({ ...request, now: justBefore })).toMatchObject({ ok: true, contentType: type });
        const expired = verifyBlobUrl({ ...request, now: new Date(justBefore.getTime() + 1) });
        expect(expired).toMatchObject({ ok: false, error: { status: 403, code: 'URL_EXPIRED' } });
      }),
    );
  });

  it('reject any other key, method, expiry, content type, signature or secret with 403 SIGNATURE_INVALID', () => {
    const tampering = fc.oneof(
      fc.record({ kind: fc.constant('key' as const), key: blobKey }),
      fc.record({ kind: fc.constant('method' as const) }),
      fc.record({ kind: fc.constant('methodParam' as const) }),
      fc.record({ kind: fc.constant('expires' as const), expires: fc.stringMatching(/^\d{1,12}$/) }),
      fc.record({ kind: fc.constant('contentType' as const), type: fc.constantFrom('text/html', 'application/octet-stream') }),
      fc.record({ kind: fc.constant('sig' as const), at: fc.nat(42), char: fc.stringMatching(/^[A-Za-z0-9_-]$/) }),
      fc.record({ kind: fc.constant('secret' as const), secret: fc.string({ minLength: 32, maxLength: 40 }) }),
      fc.record({ kind: fc.constant('missing' as const), param: fc.constantFrom('expires', 'method', 'sig') }),
    );
    fc.assert(
      fc.property(blobKey, method, contentType, tampering, (key, m, type, t) => {
        const { query } = parse(signBlobUrl(signing, { key, method: m, expiresInSeconds: 60, contentType: type }, now));
        const request = { secret: signing.secret as Uint8Array | string, key, method: m as string, query, now, contentType: type as string | undefined };
        const other = m === 'GET' ? 'PUT' : 'GET';
        switch (t.kind) {
          case 'key':
            fc.pre(t.key !== key);
            request.key = t.key;
            break;
          case 'method':
            request.method = other;
            break;
          case 'methodParam':
            query.set('method', other);
            break;
          case 'expires':
            fc.pre(t.expires !== query.get('expires'));
            query.set('expires', t.expires);
            break;
          case 'contentType':
            if (type === undefined) query.set('contentType', t.type);
            else request.contentType = t.type;
            break;
          case 'sig': {
            const sig = query.get('sig') ?? '';
            fc.pre(sig[t.at] !== t.char);
            query.set('sig', sig.slice(0, t.at) + t.char + sig.slice(t.at + 1));
            break;
          }
          case 'secret':
            fc.pre(t.secret !== signing.secret);
            request.secret = t.secret;
            break;
          case 'missing':
            query.delete(t.param);
            break;
        }
        expect(verifyBlobUrl(request)).toMatchObject({ ok: false, error: { status: 403, code: 'SIGNATURE_INVALID' } });
      }),
    );
  });

  it('refuse to sign an invalid key or expiry with a 400', () => {
    expect(() => signBlobUrl(signing, { key: '../etc/passwd', method: 'GET', expiresInSeconds: 60 }, now)).toThrow(
      expect.objectContaining({ status: 400, code: 'BLOB_KEY_INVALID' }),
    );
    for (const expiresInSeconds of [0, -1, 1.5, MAX_SIGNED_URL_SECONDS + 1]) {
      expect(() => signBlobUrl(signing, { key: 'a', method: 'GET', expiresInSeconds }, now)).toThrow(
        expect.objectContaining({ status: 400, code: 'BLOB_URL_EXPIRY_INVALID' }),
      );
    }
  });

  it('refuse a secret shorter than 32 bytes', () => {
    expect(() => signBlobUrl({ ...signing, secret: 'short' }, { key: 'a', method: 'GET', expiresInSeconds: 60 }, now)).toThrow(/32 bytes/);
  });
});
