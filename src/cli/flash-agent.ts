import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';

/**
 * Registers `novaevo flash-agent --api URL --token T --job ID --ecu virtual|socketcan:<iface> [--resume] [--rollback]`:
 * the garage's flash agent. It prints each step and exits 0 once the job is completed or rolled
 * back, 1 when it failed (the platform keeps the backup for a resume or a rollback).
 */
export function registerFlashAgentCommand(program: Command): void {
  program
    .command('flash-agent')
    .description('Run a flash job against an ECU: precheck, backup, signed package, UDS flash, read-back')
    .requiredOption('--api <url>', 'the NovaEvo API, e.g. http://127.0.0.1:3000')
    .requiredOption('--token <token>', "the verified professional's access token")
    .requiredOption('--job <id>', 'the flash job id')
    .option('--ecu <ecu>', 'virtual (a simulated ECU of the job\'s vehicle), or socketcan:<iface> (an ECU on a Linux CAN interface, e.g. socketcan:can0)', 'virtual')
    .option('--resume', 'continue an interrupted flash from its first invalid block')
    .option('--rollback', "flash the job's backup back")
    .option('--can-ids <tx:rx>', 'with socketcan: the tester and ECU CAN identifiers in hex (default 7E0:7E8, the engine ECU)')
    .option('--seed-key <module>', "the ECU's seed/key algorithm: a JavaScript module exporting keyFor(seed: Uint8Array, level: number): Uint8Array (default: the virtual ECU's)")
    .option('--public-key <file>', "the platform's Ed25519 public key (PEM) to trust instead of asking the API")
    .action(async (opts: { api: string; token: string; job: string; ecu: string; resume?: boolean; rollback?: boolean; publicKey?: string; canIds?: string; seedKey?: string }) => {
      const iface = /^socketcan:([\w.-]{1,15})$/.exec(opts.ecu)?.[1];
      if (opts.ecu !== 'virtual' && !iface) {
        process.stderr.write(`--ecu ${opts.ecu}: expected "virtual" or "socketcan:<interface>" (e.g. socketcan:can0)\n`);
        process.exitCode = 2;
        return;
      }
      const ids = opts.canIds === undefined ? undefined : /^([0-9a-f]{1,8}):([0-9a-f]{1,8})$/i.exec(opts.canIds);
      if (ids === null) {
        process.stderr.write(`--can-ids ${opts.canIds}: expected two hex identifiers, tester:ECU (e.g. 7E0:7E8)\n`);
        process.exitCode = 2;
        return;
      }
      let keyAlgorithm: ((seed: Uint8Array, level: number) => Uint8Array) | undefined;
      if (opts.seedKey) {
        const loaded = (await import(pathToFileURL(path.resolve(opts.seedKey)).href)) as { keyFor?: unknown };
        if (typeof loaded.keyFor !== 'function') {
          process.stderr.write(`--seed-key ${opts.seedKey}: the module exports no keyFor(seed, level) function\n`);
          process.exitCode = 2;
          return;
        }
        keyAlgorithm = (seed, level) => Uint8Array.from((loaded.keyFor as (s: Uint8Array, l: number) => ArrayLike<number>)(seed, level));
      }
      const { runFlashAgent } = await import('../modules/flash/index.ts');
      const { outcome, job } = await runFlashAgent({
        api: opts.api, token: opts.token, jobId: opts.job,
        ecu: iface ? { socketcan: iface, ...(ids ? { txId: Number.parseInt(ids[1]!, 16), rxId: Number.parseInt(ids[2]!, 16) } : {}) } : 'virtual',
        ...(keyAlgorithm ? { keyAlgorithm } : {}),
        ...(opts.resume ? { resume: true } : {}), ...(opts.rollback ? { rollback: true } : {}),
        ...(opts.publicKey ? { publicKey: readFileSync(opts.publicKey, 'utf8') } : {}),
        log: (e) => process.stdout.write(`${JSON.stringify(e)}\n`),
      });
      process.stdout.write(`job ${job.id}: ${job.status}${outcome.status === 'failed' ? ` (${outcome.code}: ${outcome.message})` : ''}\n`);
      process.exitCode = outcome.status === 'failed' ? 1 : 0;
    });
}
