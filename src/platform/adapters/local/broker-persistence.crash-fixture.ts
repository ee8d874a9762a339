// Run by broker-persistence.test.ts in a process of its own, to be ended by SIGKILL: an embedded
// broker on the data folder given as first argument, announcing its URL as one JSON line.
import { silentLogger } from '../../logger.ts';
import { startEmbeddedBroker } from './aedes-broker.ts';

const dataFolder = process.argv[2];
if (!dataFolder) throw new Error('usage: broker-persistence.crash-fixture.ts <data folder>');
const broker = await startEmbeddedBroker({ port: 0, logger: silentLogger(), dataFolder });
process.stdout.write(`${JSON.stringify({ url: broker.url })}\n`);
