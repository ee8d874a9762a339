import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

/** A raw HTTP/1.1 client: sends `head` (and maybe part of a body), collects what comes back until the server closes. */
function rawRequest(url: string, head: string, bodyPart = ''): Promise<{ response: string; closedByServer: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let response = '';
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ response, closedByServer: false });
    }, 5000);
    socket.on('data', (d) => (response += d.toString()));
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ response, closedByServer: true });
    });
    socket.on('error', reject);
    socket.write(head + bodyPart);
  });
}

describe('connections and slow clients', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ env: { MAX_CONNECTIONS_PER_CLIENT: '20', JSON_BODY_LIMIT: '1000' } });
  });
  afterAll(() => s.dispose());

  it('answers a slow body to a route that does not exist at once, and closes the connection', async () => {
    const r = await rawRequest(s.url, 'POST /v1/nowhere HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n', '{"a":');
    expect(r.response).toMatch(/^HTTP\/1\.1 404/);
    expect(r.response).toMatch(/connection: close/i);
    expect(r.closedByServer).toBe(true);
  });

  it('refuses a protected route before reading its body', async () => {
    const r = await rawRequest(s.url, 'POST /v1/vehicles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n', '{"vin":');
    expect(r.response).toMatch(/^HTTP\/1\.1 401/);
    expect(r.closedByServer).toBe(true);
  });

  it('closes the connection honestly after a 413 on a chunked body', async () => {
    const chunk = 'x'.repeat(2000);
    const r = await rawRequest(
      s.url,
      'POST /v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      `${chunk.length.toString(16)}\r\n${chunk}\r\n`,
    );
    expect(r.response).toMatch(/^HTTP\/1\.1 413/);
    expect(r.response).toMatch(/connection: close/i);
    expect(r.closedByServer).toBe(true);
  });

  it('caps the connections one client may hold', async () => {
    const { hostname, port } = new URL(s.url);
    const sockets = await Promise.all(
      Array.from({ length: 30 }, () => new Promise<net.Socket>((resolve) => {
        const socket = net.connect(Number(port), hostname, () => resolve(socket));
        socket.on('error', () => {});
      })),
    );
    await new Promise((r) => setTimeout(r, 300));
    const open = sockets.filter((x) => !x.destroyed && x.readyState === 'open');
    for (const x of sockets) x.destroy();
    expect(open.length).toBeLessThanOrEqual(20);
    expect(open.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect((await s.call('GET', '/health')).status).toBe(200);
  });
});
