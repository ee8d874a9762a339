/**
 * Link destinations: where a short link may point (only the partner's own hosts, over http(s):
 * never an open redirect) and the URL the redirect answers with.
 */

/** A host as partners declare it: lower-case, no port, no trailing dot. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * True when `host` is one of `domains` or a subdomain of one (`www.example.fr` under
 * `example.fr`). Compared label-wise, so `evilexample.fr` is not under `example.fr`.
 */
export function hostAllowed(host: string, domains: readonly string[]): boolean {
  const h = normaliseHost(host);
  return domains.some((d) => {
    const domain = normaliseHost(d);
    return domain !== '' && (h === domain || h.endsWith(`.${domain}`));
  });
}

/** Why a destination is refused, or the parsed URL when it is acceptable for these domains. */
export function checkDestination(url: string, domains: readonly string[]): { ok: true; url: URL } | { ok: false; reason: 'URL_INVALID' | 'URL_SCHEME' | 'URL_CREDENTIALS' | 'URL_HOST_NOT_ALLOWED' } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'URL_INVALID' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: 'URL_SCHEME' };
  // user:pass@ in a link hides the real host from a reader: refused outright.
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, reason: 'URL_CREDENTIALS' };
  if (!hostAllowed(parsed.hostname, domains)) return { ok: false, reason: 'URL_HOST_NOT_ALLOWED' };
  return { ok: true, url: parsed };
}

/** What the redirect adds to a destination. */
export interface TrackingParams {
  clickIdParam: string;
  clickId: string;
  campaign: string;
}

/**
 * The redirect's Location: the stored destination with the click id under the partner's
 * parameter (always ours: attribution depends on it) and utm_source/medium/campaign (only when
 * the destination does not set them itself). Everything else of the query and the fragment is
 * kept; the origin is never changed, since the destination was checked when the link was made.
 */
export function trackedDestination(destination: string, p: TrackingParams): string {
  const url = new URL(destination);
  const q = url.searchParams;
  q.set(p.clickIdParam, p.clickId);
  if (!q.has('utm_source')) q.set('utm_source', 'novaevo');
  if (!q.has('utm_medium')) q.set('utm_medium', 'affiliate');
  if (!q.has('utm_campaign')) q.set('utm_campaign', p.campaign);
  return url.href;
}
