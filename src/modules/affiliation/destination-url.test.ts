import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDestination, hostAllowed, trackedDestination } from './destination-url.ts';

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const domain = fc.tuple(label, fc.constantFrom('fr', 'com', 'example')).map(([a, b]) => `${a}.${b}`);
const paramName = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
const paramValue = fc.string({ maxLength: 20 });

describe('link destinations', () => {
  it('accepts a URL only when its host is a partner domain or a subdomain of one, never a look-alike', () => {
    const candidate = fc.tuple(domain, label, domain, fc.integer({ min: 0, max: 4 })).map(([allowed, sub, other, kind]) => {
      const host = [allowed, `${sub}.${allowed}`, other, `${allowed}.${other}`, `${sub}${allowed}`][kind]!;
      return { allowed, host, expected: kind < 2 || host === allowed || host.endsWith(`.${allowed}`) };
    });
    fc.assert(
      fc.property(candidate, fc.stringMatching(/^(\/[a-z0-9._~-]{0,8}){0,3}$/), ({ allowed, host, expected }, path) => {
        expect(checkDestination(`https://${host}${path}`, [allowed]).ok).toBe(expected);
        expect(hostAllowed(host.toUpperCase(), [allowed])).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses look-alike hosts, other schemes and hidden credentials', () => {
    const domains = ['pneus.example.fr'];
    expect(checkDestination('https://shop.pneus.example.fr/x', domains).ok).toBe(true);
    expect(checkDestination('https://PNEUS.EXAMPLE.FR./x', domains).ok).toBe(true);
    for (const [url, reason] of [
      ['https://pneus.example.fr.evil.com/', 'URL_HOST_NOT_ALLOWED'],
      ['https://evilpneus.example.fr/', 'URL_HOST_NOT_ALLOWED'],
      ['https://example.fr/', 'URL_HOST_NOT_ALLOWED'],
      ['javascript:alert(1)//pneus.example.fr', 'URL_SCHEME'],
      ['data:text/html,hi', 'URL_SCHEME'],
      ['https://pneus.example.fr@evil.com/', 'URL_CREDENTIALS'],
      ['//pneus.example.fr/', 'URL_INVALID'],
      ['not a url', 'URL_INVALID'],
    ] as const) {
      expect(checkDestination(url, domains), url).toEqual({ ok: false, reason });
    }
  });

  it('never changes the origin of the redirect, keeps the query and fragment, and always carries our click id', () => {
    fc.assert(
      fc.property(
        fc.tuple(domain, fc.stringMatching(/^(\/[a-z0-9._~-]{0,8}){0,3}$/), fc.option(fc.stringMatching(/^#[a-z0-9]{0,6}$/))).map(([d, p, h]) => `https://${d}${p}${h ?? ''}`),
        fc.array(fc.tuple(paramName, paramValue), { maxLength: 5 }),
        paramName,
        fc.uuid(),
        fc.string({ maxLength: 30 }),
        (base, params, clickIdParam, clickId, campaign) => {
          const url = new URL(base);
          for (const [k, v] of params) url.searchParams.append(k, v);
          const out = new URL(trackedDestination(url.href, { clickIdParam, clickId, campaign }));
          expect(out.origin).toBe(url.origin);
          expect(out.pathname).toBe(url.pathname);
          expect(out.hash).toBe(url.hash);
          expect(out.searchParams.get(clickIdParam)).toBe(clickId);
          for (const [k, v] of params) if (k !== clickIdParam) expect(out.searchParams.getAll(k)).toContain(v);
          for (const k of ['utm_source', 'utm_medium', 'utm_campaign']) expect(out.searchParams.has(k)).toBe(true);
        },
      ),
    );
  });

  it("keeps the destination's own UTM values", () => {
    const out = new URL(trackedDestination('https://a.fr/?utm_source=newsletter', { clickIdParam: 'c', clickId: 'x', campaign: 'hiver' }));
    expect(out.searchParams.get('utm_source')).toBe('newsletter');
    expect(out.searchParams.get('utm_campaign')).toBe('hiver');
  });
});
