// The whole local runtime (HTTP, embedded broker, platform, OBD ingestion) in a process of its own,
// to be ended by SIGKILL: run by ingest-crash.test.ts and by the OBD benchmark's restart phase with
// `fork`, on the data folder given as first argument. MQTT_PORT, DATABASE_URL and OBD_* come from
// the environment. Sends `{ ready: { url, mqttUrl } }` over IPC once it serves; answers
// `{ times: { series, from, to } }` with the epoch milliseconds of the points stored in that range.
import { startTestServer } from '../../../test/support/server.ts';

const dataDir = process.argv[2];
if (!dataDir || !process.send) throw new Error('usage: fork ingest-crash.fixture.ts <data folder>');
const passed = Object.entries(process.env).filter(([name]) => name === 'MQTT_PORT' || name === 'DATABASE_URL' || name.startsWith('OBD_'));
const server = await startTestServer({ dataDir, env: { LOG_LEVEL: 'silent', ...Object.fromEntries(passed as [string, string][]) } });

process.on('message', async (message: { times?: { series: string; from: number; to: number } }) => {
  if (!message.times) return;
  const { series, from, to } = message.times;
  const { rows } = await server.platform.db.query<{ t: string }>(
    `SELECT (extract(epoch FROM time) * 1000)::bigint::text AS t FROM ts_points WHERE series = $1 AND time >= $2 AND time <= $3 ORDER BY time`,
    [series, new Date(from), new Date(to)],
  );
  process.send!({ times: rows.map((r) => Number(r.t)) });
});
process.send({ ready: { url: server.url, mqttUrl: server.mqttUrl } });
