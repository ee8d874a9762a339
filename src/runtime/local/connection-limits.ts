import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** How long and how many: the HTTP server's defences against slow and greedy clients. */
export interface ConnectionLimits {
  /** Connections open at once, all clients together (beyond: refused at accept). */
  maxConnections: number;
  /** Connections one client address may hold; undefined behind a proxy, where every connection comes from it. */
  maxConnectionsPerClient: number | undefined;
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request (headers and body: a 10 MB upload on a slow phone link fits). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 4096,
  maxConnectionsPerClient: 1024,
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
};

/**
 * Applies the limits to a Node HTTP server. Node's defaults let one client hold thousands of
 * sockets (one held 16,761 file descriptors) and a slow body stay open for 300 s.
 */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  const perClient = limits.maxConnectionsPerClient;
  if (perClient === undefined) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > perClient) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
