import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

// For tests only: a private Mosquitto with the dynamic security plugin, on a free port.

const PLUGIN_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/mosquitto_dynamic_security.so',
  '/usr/local/lib/mosquitto_dynamic_security.so',
];
const BINARY_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

/** Where the binaries and the plugin are, or what is missing. */
export function findMosquittoDynsec(): { mosquitto: string; ctrl: string; plugin: string } | { missing: string } {
  const find = (name: string) => BINARY_DIRS.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
  const mosquitto = find('mosquitto');
  const ctrl = find('mosquitto_ctrl');
  const plugin = PLUGIN_CANDIDATES.find((file) => existsSync(file));
  if (!mosquitto) return { missing: 'the mosquitto binary is not installed' };
  if (!ctrl) return { missing: 'mosquitto_ctrl is not installed' };
  if (!plugin) return { missing: `the dynamic security plugin is not at ${PLUGIN_CANDIDATES.join(' or ')}` };
  return { mosquitto, ctrl, plugin };
}

/** A running private Mosquitto. */
export interface MosquittoUnderTest {
  url: string;
  /** A client with the dynsec admin role and a role publishing and subscribing anywhere (the platform). */
  admin: { username: string; password: string };
  stop(): Promise<void>;
}

/**
 * Starts `mosquitto -c <temp.conf>` with `allow_anonymous false` and the dynamic security plugin
 * on a file made by `mosquitto_ctrl dynsec init`, to which a platform role is added.
 */
export async function startMosquittoWithDynsec(): Promise<MosquittoUnderTest> {
  const found = findMosquittoDynsec();
  if ('missing' in found) throw new Error(`Cannot start Mosquitto: ${found.missing}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'novaevo-mosquitto-'));
  const admin = { username: 'novaevo-platform', password: randomBytes(18).toString('hex') };
  const dynsec = path.join(dir, 'dynamic-security.json');
  await promisify(execFile)(found.ctrl, ['dynsec', 'init', dynsec, admin.username, admin.password]);
  const config = JSON.parse(await readFile(dynsec, 'utf8')) as { clients: { roles: { rolename: string }[] }[]; roles: unknown[] };
  config.roles.push({
    rolename: 'novaevo-platform',
    acls: [
      { acltype: 'publishClientSend', topic: '#', allow: true },
      { acltype: 'subscribePattern', topic: '#', allow: true },
    ],
  });
  config.clients[0]?.roles.push({ rolename: 'novaevo-platform' });
  await writeFile(dynsec, JSON.stringify(config));
  // Started as root, Mosquitto runs as the `mosquitto` user: it must read and rewrite this folder.
  await chmod(dir, 0o777);
  await chmod(dynsec, 0o666);

  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  const lines = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous false',
    'persistence false',
    `plugin ${found.plugin}`,
    `plugin_opt_config_file ${dynsec}`,
    'log_dest stderr',
  ];
  await writeFile(conf, `${lines.join('\n')}\n`);
  const child = spawn(found.mosquitto, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const stop = async () => {
    await terminate(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child);
  } catch (error) {
    await stop();
    throw new Error(`Mosquitto did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { url: `mqtt://127.0.0.1:${port}`, admin, stop };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`port ${port} never opened`);
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
