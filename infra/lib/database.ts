import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Network } from './network.ts';

export interface DatabaseProps {
  network: Network;
  key: kms.IKey;
  minCapacity: number;
  maxCapacity: number;
  backupRetentionDays: number;
  proxy: boolean;
}

export const DATABASE_NAME = 'novaevo';

/**
 * Aurora Serverless v2 PostgreSQL in the isolated subnets. A minimum of 0 ACUs pauses the writer
 * when no connection is open (no compute billed); the optional RDS Proxy pools connections for
 * high concurrency at the price of keeping the cluster awake. Credentials live in Secrets
 * Manager and rotate every 30 days.
 */
export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly secret: secretsmanager.ISecret;
  readonly proxy?: rds.DatabaseProxy;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { vpc, databaseSecurityGroup, functionsSecurityGroup } = props.network;
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_6 }),
      writer: rds.ClusterInstance.serverlessV2('writer'),
      serverlessV2MinCapacity: props.minCapacity,
      serverlessV2MaxCapacity: props.maxCapacity,
      ...(props.minCapacity === 0 ? { serverlessV2AutoPauseDuration: Duration.minutes(10) } : {}),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [databaseSecurityGroup],
      credentials: rds.Credentials.fromGeneratedSecret('novaevo_admin', { encryptionKey: props.key }),
      defaultDatabaseName: DATABASE_NAME,
      storageEncrypted: true,
      storageEncryptionKey: props.key,
      iamAuthentication: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      backup: { retention: Duration.days(props.backupRetentionDays) },
      cloudwatchLogsExports: ['postgresql'],
    });
    this.secret = this.cluster.secret!;
    this.cluster.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
    if (props.proxy) {
      const proxySecurityGroup = new ec2.SecurityGroup(this, 'ProxySecurityGroup', { vpc, description: 'NovaEvo RDS Proxy', allowAllOutbound: false });
      this.proxy = this.cluster.addProxy('Proxy', { secrets: [this.secret], vpc, securityGroups: [proxySecurityGroup], requireTLS: true });
      this.cluster.connections.allowDefaultPortFrom(this.proxy, 'PostgreSQL from RDS Proxy');
      // RDS Proxy for PostgreSQL listens on 5432.
      this.proxy.connections.allowFrom(functionsSecurityGroup, ec2.Port.tcp(5432), 'PostgreSQL from the functions');
    } else {
      this.cluster.connections.allowDefaultPortFrom(functionsSecurityGroup, 'PostgreSQL from the functions');
    }
  }
}
