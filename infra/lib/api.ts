import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from './nag-suppressions.ts';
import type { PlannedRoute } from './module-plan.ts';

export interface PublicApiProps {
  prefix: string;
  logRetention: logs.RetentionDays;
}

/**
 * The HTTP API and who may call it: a Cognito user pool (groups owner, pro, admin, e-mail
 * sign-in, self sign-up) with a public app client, and a Lambda authorizer on protected routes.
 */
export class PublicApi extends Construct {
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly api: apigw.HttpApi;
  #authorizer?: HttpLambdaAuthorizer;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: props.prefix,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      // The local runtime's rule (PasswordSchema): length, not composition (NIST SP 800-63B).
      passwordPolicy: { minLength: 10, requireDigits: false, requireLowercase: false, requireUppercase: false, requireSymbols: false, tempPasswordValidity: Duration.days(3) },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.userPool, 'AwsSolutions-COG1', 'Same rule as the local runtime (PasswordSchema: 10 to 256 characters): length rather than composition, as NIST SP 800-63B advises.');
    acknowledge(this.userPool, 'AwsSolutions-COG2', 'TOTP MFA is offered, not required: owners sign up from a phone to book a repair; admins enrol MFA by procedure (docs/deploy.md).');
    acknowledge(this.userPool, 'AwsSolutions-COG8', 'Essentials plan: Plus (threat protection) is billed per monthly active user; switch featurePlan to PLUS when the user base justifies it (docs/deploy.md).');
    for (const group of ['owner', 'pro', 'admin'] as const) {
      new cognito.UserPoolGroup(this, `${group}Group`, { userPool: this.userPool, groupName: group, description: `NovaEvo ${group}s` });
    }
    this.userPoolClient = this.userPool.addClient('WebClient', {
      userPoolClientName: `${props.prefix}-web`,
      authFlows: { userSrp: true, userPassword: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });
    this.api = new apigw.HttpApi(this, 'Api', { apiName: props.prefix, createDefaultStage: false, description: 'NovaEvo API (/v1)' });
    new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 500, burstLimit: 1000 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY })),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });
  }

  /** The Lambda authorizer protected routes use: it verifies the Cognito token and adds the pro's verification status. */
  protectWith(fn: lambda.IFunction): void {
    this.#authorizer = new HttpLambdaAuthorizer('Bearer', fn, {
      authorizerName: 'bearer',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      // A pro's verification changes when Kbis is decided: answer from fresh state, as the local runtime does.
      resultsCacheTtl: Duration.seconds(0),
    });
  }

  /** Routes a module's declared routes onto its function (or the alias serving it). */
  route(module: string, routes: readonly PlannedRoute[], target: lambda.IFunction): void {
    // One invoke permission for the API rather than one per route: the function serves only its own routes, and CloudFormation stacks hold 500 resources.
    const integration = new HttpLambdaIntegration(`${module}Integration`, target, { scopePermissionToRoute: false });
    for (const r of routes) {
      if (r.bearer && !this.#authorizer) throw new Error('protectWith must come before protected routes');
      const [route] = this.api.addRoutes({
        path: r.path,
        methods: [r.method as apigw.HttpMethod],
        integration,
        ...(r.bearer ? { authorizer: this.#authorizer } : {}),
      });
      if (!r.bearer) {
        acknowledge(route!, 'AwsSolutions-APIG4', `${r.method} ${r.path} is declared public by ${module} (sign-up, sign-in, device frames, signed links): the function checks what it needs.`);
      }
    }
  }
}
