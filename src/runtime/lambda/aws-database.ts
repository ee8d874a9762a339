import { openPostgresDatabase } from '../../platform/adapters/postgres/postgres-database.ts';
import type { SqlDatabase } from '../../platform/ports/sql.ts';

/** The JSON of an RDS-managed database secret (what Aurora and `rds.DatabaseSecret` store). */
interface DatabaseSecret {
  username: string;
  password: string;
  host?: string;
  port?: number | string;
  dbname?: string;
}

/**
 * The PostgreSQL URL of a database secret, to `host` when given (the RDS Proxy endpoint: the
 * secret names the cluster, the functions go through the proxy). TLS is required: RDS Proxy and
 * Aurora both offer it. Throws when the secret lacks a username, a password or a host.
 */
export function databaseUrlOfSecret(secretString: string, host?: string): string {
  const s = JSON.parse(secretString) as Partial<DatabaseSecret>;
  const target = host ?? s.host;
  if (typeof s.username !== 'string' || typeof s.password !== 'string' || !target) throw new Error('the database secret needs username, password and host (or DATABASE_HOST)');
  const url = new URL('postgres://placeholder');
  url.username = encodeURIComponent(s.username);
  url.password = encodeURIComponent(s.password);
  url.hostname = target;
  url.port = String(s.port ?? 5432);
  url.pathname = `/${encodeURIComponent(s.dbname ?? 'novaevo')}`;
  url.searchParams.set('sslmode', 'require');
  return url.toString();
}

/**
 * The database URL of a function: DATABASE_URL when set, else built from the Secrets Manager
 * secret DATABASE_SECRET_ARN (read once per instance; rotation takes effect at the next cold
 * start, and RDS Proxy keeps accepting the previous password during a rotation).
 */
export async function awsDatabaseUrl(env: Record<string, string | undefined> = process.env): Promise<string> {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const arn = env.DATABASE_SECRET_ARN;
  if (!arn) throw new Error('set DATABASE_URL or DATABASE_SECRET_ARN');
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
  if (!secret.SecretString) throw new Error(`secret ${arn} has no SecretString`);
  return databaseUrlOfSecret(secret.SecretString, env.DATABASE_HOST);
}

// One Lambda instance serves one request at a time: a couple of connections is enough, and RDS
// Proxy multiplexes the instances' connections onto the cluster's.
const CONNECTIONS_PER_INSTANCE = 2;

/** Opens Aurora PostgreSQL (through RDS Proxy) for a function. */
export async function openAwsDatabase(env: Record<string, string | undefined> = process.env): Promise<SqlDatabase> {
  return openPostgresDatabase({ connectionString: await awsDatabaseUrl(env), maxConnections: CONNECTIONS_PER_INSTANCE });
}
