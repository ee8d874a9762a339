import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import proxyaddr from 'proxy-addr';

/**
 * How the runtime finds the caller's address on Node. Without `TRUST_PROXY` it is the socket
 * peer: `X-Forwarded-For` is ignored, since anyone can send it. With a hop count (`1` behind one
 * load balancer) or a list of trusted proxies' addresses/CIDRs, `X-Forwarded-For` is read as far
 * as the trusted hops go (Express's proxy-addr rules).
 */
export function clientAddressResolver(trustProxy: string | undefined): (c: Context) => string {
  const hops = trustProxy !== undefined && /^\d+$/.test(trustProxy) ? Number(trustProxy) : undefined;
  const trust: (addr: string, i: number) => boolean =
    trustProxy === undefined ? () => false : hops !== undefined ? (_addr, i) => i < hops : proxyaddr.compile(trustProxy.split(',').map((s) => s.trim()));
  return (c) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming?.socket) return 'unknown';
    try {
      return proxyaddr(incoming, trust);
    } catch {
      return incoming.socket.remoteAddress ?? 'unknown';
    }
  };
}
