import type { Context } from 'aws-lambda';
import type { PlatformModule } from '../../platform/module/module.ts';
import type { Platform } from '../platform.ts';
import { instrumented, instrumentsFor, type LambdaHandler } from './instrumentation.ts';
import { assembleLambdaModule } from './lambda-module.ts';
import { reusedPerInstance } from './reused-per-instance.ts';

/** What IoT Core sends a custom authorizer for an MQTT CONNECT (the password is base64). */
export interface IotAuthorizerEvent {
  token?: string;
  signatureVerified?: boolean;
  protocols: string[];
  protocolData?: { mqtt?: { username?: string; password?: string; clientId?: string } };
  connectionMetadata?: { id: string };
}

interface PolicyDocument {
  Version: '2012-10-17';
  Statement: { Effect: 'Allow' | 'Deny'; Action: string[]; Resource: string[] }[];
}

/** The documented response of an IoT Core custom authorizer. */
export interface IotAuthorizerResponse {
  isAuthenticated: boolean;
  principalId: string;
  disconnectAfterInSeconds: number;
  refreshAfterInSeconds: number;
  policyDocuments: PolicyDocument[];
}

/** The device a module admitted, and the topics it may use. */
export interface DeviceGrant {
  id: string;
  publish: string[];
  subscribe: string[];
}

// A device stays connected a day at most, and its policy is re-checked every 5 minutes (so a revoked device is cut off within that).
const DISCONNECT_AFTER_S = 24 * 3600;
const REFRESH_AFTER_S = 300;

const refused = (): IotAuthorizerResponse => ({ isAuthenticated: false, principalId: 'refused', disconnectAfterInSeconds: 0, refreshAfterInSeconds: 0, policyDocuments: [] });

/** `arn:aws:iot:<region>:<account>:` of the account the authorizer runs in (read from its own ARN). */
function iotArnPrefix(context: Context): string {
  const [, partition, , region, account] = context.invokedFunctionArn.split(':');
  return `arn:${partition}:iot:${region}:${account}:`;
}

/**
 * The IoT policy of one device: connect with its device id as client id (so that no device can
 * take over another's session), publish its data, subscribe to and receive its commands.
 */
export function devicePolicy(prefix: string, grant: DeviceGrant): PolicyDocument {
  const statements: PolicyDocument['Statement'] = [{ Effect: 'Allow', Action: ['iot:Connect'], Resource: [`${prefix}client/${grant.id}`] }];
  if (grant.publish.length) statements.push({ Effect: 'Allow', Action: ['iot:Publish'], Resource: grant.publish.map((t) => `${prefix}topic/${t}`) });
  if (grant.subscribe.length) {
    statements.push({ Effect: 'Allow', Action: ['iot:Subscribe'], Resource: grant.subscribe.map((t) => `${prefix}topicfilter/${t}`) });
    statements.push({ Effect: 'Allow', Action: ['iot:Receive'], Resource: grant.subscribe.map((t) => `${prefix}topic/${t}`) });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The IoT Core custom authorizer of a module's MQTT devices: the CONNECT's username (the device
 * id; IoT Core may append `?x-amz-customauthorizer-name=…`) and password (the device secret) go
 * to the module's own device authentication (`parts.mqtt.access.authenticate`, as on the
 * embedded broker), and an admitted device gets a policy scoped to its own topics.
 */
export function createIotAuthorizer(
  module: PlatformModule,
  options: {
    identity: PlatformModule;
    openPlatform: (modules: readonly PlatformModule[]) => Promise<Platform>;
    /** The admitted identity's device id and topics (undefined refuses). */
    device: (identity: unknown) => DeviceGrant | undefined;
  },
): LambdaHandler<IotAuthorizerEvent, IotAuthorizerResponse> {
  const access = reusedPerInstance(async () => {
    const platform = await options.openPlatform([options.identity, module]);
    const hooks = (await assembleLambdaModule(platform, module, { identity: options.identity, version: 'lambda' })).mqttAccess;
    if (!hooks) throw new Error(`module ${module.name} declares no MQTT device authentication`);
    return hooks;
  });
  const authorize = async (event: IotAuthorizerEvent, context: Context): Promise<IotAuthorizerResponse> => {
    const mqtt = event.protocolData?.mqtt;
    if (!event.protocols?.includes('mqtt') || !mqtt?.username || !mqtt.password) return refused();
    const username = mqtt.username.split('?')[0]!;
    const result = await (await access()).authenticate({ clientId: mqtt.clientId ?? username, username, password: Buffer.from(mqtt.password, 'base64') });
    const grant = result.accepted ? options.device(result.identity) : undefined;
    if (!grant) return refused();
    return {
      isAuthenticated: true,
      // IoT Core wants 1-128 alphanumerics.
      principalId: grant.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 128) || 'device',
      disconnectAfterInSeconds: DISCONNECT_AFTER_S,
      refreshAfterInSeconds: REFRESH_AFTER_S,
      policyDocuments: [devicePolicy(iotArnPrefix(context), grant)],
    };
  };
  return instrumented(instrumentsFor('novaevo-iot-authorizer'), () => 'authorize', authorize);
}
