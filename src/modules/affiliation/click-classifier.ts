import { isbot } from 'isbot';

/** Why a click was counted apart as not a person's: never attributed, shown in the reports. */
export type BotReason = 'known-bot' | 'prefetch' | 'head-request' | 'no-user-agent';

/** The coarse device class of a user agent (the full string is not kept). */
export type UserAgentClass = 'mobile' | 'tablet' | 'desktop' | 'bot' | 'unknown';

/** What the redirect learns about a click from its request, without any I/O. */
export interface ClickTraits {
  bot: BotReason | null;
  uaClass: UserAgentClass;
  referrerHost: string | null;
}

/** The request facts the classification reads. */
export interface ClickRequest {
  method: string;
  userAgent: string | undefined;
  referrer: string | undefined;
  /** `Purpose`, `Sec-Purpose`, `X-Purpose` and `X-Moz` headers, as sent. */
  purpose: string | undefined;
}

const PREFETCH = /\b(prefetch|prerender|preview)\b/i;

// isbot's pattern costs some 20 µs a call, and a few user agents make most traffic: remembered
// per string (bounded; forgotten wholesale when full, which a flood of made-up agents causes).
const botAgents = new Map<string, boolean>();
const MAX_REMEMBERED_AGENTS = 10_000;

function knownBot(ua: string): boolean {
  let bot = botAgents.get(ua);
  if (bot === undefined) {
    if (botAgents.size >= MAX_REMEMBERED_AGENTS) botAgents.clear();
    bot = isbot(ua);
    botAgents.set(ua, bot);
  }
  return bot;
}

function uaClassOf(ua: string): UserAgentClass {
  if (/iPad|Tablet|Android(?!.*Mobile)/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(ua)) return 'mobile';
  if (/Windows NT|Macintosh|X11|Linux|CrOS/i.test(ua)) return 'desktop';
  return 'unknown';
}

/** The host of a Referer header, lower-case; null when absent or not an http(s) URL. */
export function referrerHostOf(referrer: string | undefined): string | null {
  if (!referrer) return null;
  try {
    const url = new URL(referrer);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase().slice(0, 253) : null;
  } catch {
    return null;
  }
}

/**
 * Classifies a redirect request: HEAD requests (link checkers), prefetches and previews (a
 * browser or a messaging app fetching ahead, not a person clicking), known bots by their user
 * agent (the `isbot` list) and requests without a user agent are bots, each with its reason.
 */
export function classifyClick(req: ClickRequest): ClickTraits {
  const ua = req.userAgent?.trim() ?? '';
  const referrerHost = referrerHostOf(req.referrer);
  let bot: BotReason | null = null;
  if (req.method === 'HEAD') bot = 'head-request';
  else if (req.purpose !== undefined && PREFETCH.test(req.purpose)) bot = 'prefetch';
  else if (ua === '') bot = 'no-user-agent';
  else if (knownBot(ua)) bot = 'known-bot';
  return { bot, uaClass: bot === 'known-bot' ? 'bot' : ua === '' ? 'unknown' : uaClassOf(ua), referrerHost };
}
