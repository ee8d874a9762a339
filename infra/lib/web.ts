import { existsSync } from 'node:fs';
import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge } from './nag-suppressions.ts';

export interface WebProps {
  api: apigw.HttpApi;
  accessLogs: s3.IBucket;
  /** Built web app (`npm run build:web`); deployed only when the folder exists. */
  webDist: string;
}

/**
 * CloudFront in front of everything users open: the web app from a private bucket (origin
 * access control), `/v1/*` onto the HTTP API, and root routes such as `/r/*` onto their
 * module's function URL (IAM-authenticated, signed by CloudFront's origin access control), so
 * the redirect hot path pays no API Gateway hop.
 */
export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** Whether the built web app was found and is uploaded by this deployment. */
  readonly deploysWebApp: boolean;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'App', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: 'NovaEvo web app, API and short links',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
      // The web app routes on the client: unknown paths get index.html.
      errorResponses: [{ httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.minutes(5) }],
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cdn/',
    });
    acknowledge(this.distribution, 'AwsSolutions-CFR1', 'No geo restriction: owners and pros travel, and devices report from wherever the vehicle is.');
    acknowledge(this.distribution, 'AwsSolutions-CFR2', 'No WAF web ACL by default (about 6 USD a month before requests); the API throttles per stage and modules rate-limit sign-in. docs/deploy.md shows how to attach one.');
    acknowledge(this.distribution, 'AwsSolutions-CFR4', "The default *.cloudfront.net certificate cannot pin a TLS floor; TLSv1.2_2021 applies as soon as a custom domain and certificate are set.");
    this.deploysWebApp = existsSync(props.webDist);
    if (this.deploysWebApp) {
      new s3deploy.BucketDeployment(this, 'Upload', {
        sources: [s3deploy.Source.asset(props.webDist)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/index.html'],
        memoryLimit: 256,
      });
    }
  }

  /** Serves `pathPrefix/*` (a module's root routes, e.g. `/r`) from the module's function through a function URL. */
  serveRootRoutes(pathPrefix: string, fn: lambda.IFunction): lambda.FunctionUrl {
    const url = new lambda.FunctionUrl(this, `Url${pathPrefix.replace(/\W/g, '')}`, { function: fn, authType: lambda.FunctionUrlAuthType.AWS_IAM });
    this.distribution.addBehavior(`${pathPrefix}/*`, origins.FunctionUrlOrigin.withOriginAccessControl(url), {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    return url;
  }
}
