import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface NetworkProps {
  natGateways: number;
  logRetention: logs.RetentionDays;
}

/**
 * The VPC the functions and the database share: private subnets with egress through NAT (AWS
 * APIs without an endpoint, the public company registry), isolated subnets for the database,
 * free gateway endpoints for S3 and DynamoDB, and rejected-traffic flow logs.
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly functionsSecurityGroup: ec2.SecurityGroup;
  readonly databaseSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: props.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'functions', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'database', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: {
        s3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        dynamodb: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.vpc.addFlowLog('Rejected', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.REJECT });
    this.functionsSecurityGroup = new ec2.SecurityGroup(this, 'Functions', { vpc: this.vpc, description: 'NovaEvo functions: outbound only', allowAllOutbound: true });
    this.databaseSecurityGroup = new ec2.SecurityGroup(this, 'Database', { vpc: this.vpc, description: 'NovaEvo database: PostgreSQL from the functions only', allowAllOutbound: false });
  }
}
