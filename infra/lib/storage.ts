import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface StorageProps {
  key: kms.IKey;
  documentRetentionDays: number;
}

/**
 * Object storage: uploaded documents (Kbis extracts, registration certificates; expired after
 * the retention period), signed firmware images, and the bucket their access logs go to.
 * KMS-encrypted with the stack's key, private, versioned, TLS only, kept when the stack is deleted.
 */
export class Storage extends Construct {
  readonly documents: s3.Bucket;
  readonly firmware: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const privateBucket = (name: string, lifecycleRules: s3.LifecycleRule[]) =>
      new s3.Bucket(this, name, {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: props.key,
        bucketKeyEnabled: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        versioned: true,
        enforceSSL: true,
        serverAccessLogsBucket: this.accessLogs,
        serverAccessLogsPrefix: `${name.toLowerCase()}/`,
        lifecycleRules,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.documents = privateBucket('Documents', [
      { id: 'document-retention', expiration: Duration.days(props.documentRetentionDays), noncurrentVersionExpiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ]);
    this.firmware = privateBucket('Firmware', [{ id: 'old-versions', noncurrentVersionExpiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(1) }]);
  }
}
