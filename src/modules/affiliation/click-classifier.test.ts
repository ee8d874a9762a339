import { describe, expect, it } from 'vitest';
import { classifyClick, referrerHostOf } from './click-classifier.ts';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const click = (over: Partial<Parameters<typeof classifyClick>[0]>) => classifyClick({ method: 'GET', userAgent: DESKTOP, referrer: undefined, purpose: undefined, ...over });

describe('click classification', () => {
  it('counts people by device class', () => {
    expect(click({ userAgent: IPHONE })).toEqual({ bot: null, uaClass: 'mobile', referrerHost: null });
    expect(click({})).toMatchObject({ bot: null, uaClass: 'desktop' });
  });

  it('classes known bots, prefetches, HEAD requests and missing user agents apart, with the reason', () => {
    expect(click({ userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' })).toMatchObject({ bot: 'known-bot', uaClass: 'bot' });
    expect(click({ userAgent: 'facebookexternalhit/1.1' }).bot).toBe('known-bot');
    expect(click({ purpose: 'prefetch' }).bot).toBe('prefetch');
    expect(click({ purpose: 'prefetch;prerender' }).bot).toBe('prefetch');
    expect(click({ method: 'HEAD' }).bot).toBe('head-request');
    expect(click({ userAgent: '  ' }).bot).toBe('no-user-agent');
  });

  it('keeps only the host of the referrer', () => {
    expect(referrerHostOf('https://Forum.Example.org/t/1?u=me')).toBe('forum.example.org');
    expect(referrerHostOf('android-app://com.whatsapp')).toBeNull();
    expect(referrerHostOf('nonsense')).toBeNull();
  });
});
