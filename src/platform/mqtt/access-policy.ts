import { randomBytes, timingSafeEqual } from 'node:crypto';
import { conflict, badRequest } from '../errors.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { MqttCredentials } from '../ports/mqtt.ts';

/** The username of the platform's own client (the runtime's `MqttBus`); modules never see it. */
export const INTERNAL_MQTT_USERNAME = 'novaevo-platform';

/** What a module's `authenticate` hook answers: the device it recognised, or a refusal. */
export type MqttAuthentication<I> = { accepted: true; identity: I } | { accepted: false };

/**
 * How a module admits its devices (e.g. OBD dongles) and confines them to their topics.
 * `identity` is whatever the module's `authenticate` returned for that connection.
 */
export interface MqttDeviceAuthHooks<I> {
  /** Recognises the module's own devices; answers `{ accepted: false }` for any other credentials. */
  authenticate(credentials: MqttCredentials): Promise<MqttAuthentication<I>>;
  /** May this device publish to `topic`? A refusal drops the connection (MQTT 3.1.1 has no negative PUBACK). */
  authorizePublish(identity: I, topic: string): boolean | Promise<boolean>;
  /** May this device subscribe to `filter`? A refusal is a negative SUBACK. */
  authorizeSubscribe(identity: I, filter: string): boolean | Promise<boolean>;
}

/** Who a connection is, once the policy admitted it. */
export type MqttSession =
  /** The platform's own client: may use every topic. */
  | { kind: 'internal' }
  /** Admitted because no module declared device auth yet (today's open broker). */
  | { kind: 'open' }
  /** A device a module recognised. */
  | { kind: 'device'; owner: string; identity: unknown };

/** Why a connection is refused, as a CONNACK return code. */
export type MqttRefusal = { refused: 4 | 5 };

/** The policy in force, for `/health`. */
export interface MqttAccessDescription {
  /** `open`: every client is admitted anywhere; `device-auth`: only the platform and registered devices. */
  mode: 'open' | 'device-auth';
  /** The modules that declared device auth, in registration order. */
  modules: string[];
}

/** A live connection, as the broker shows it to `disconnect` predicates. */
export interface MqttConnection {
  clientId: string;
  username: string | undefined;
  session: MqttSession;
}

/** What a broker lets the policy do to its live connections. */
export interface MqttConnectionControl {
  /** Closes every live connection `predicate` selects; resolves with how many were closed. */
  disconnect(predicate: (connection: MqttConnection) => boolean): Promise<number>;
}

/** What `register` gives a module back: a way to drop its revoked devices' live connections. */
export interface MqttDeviceAuthRegistration<I> {
  /** Closes the live connections of this module's devices that `predicate` selects. */
  disconnect(predicate: (identity: I) => boolean): Promise<number>;
}

const OWNER_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Who may connect to the embedded broker and where they may publish and subscribe. Until a
 * module declares device auth the broker stays open, as it always was; from the first
 * `register` on, anonymous clients and unknown credentials are refused, each device is confined
 * by the module that recognised it, and clients admitted while open are disconnected. The
 * platform's own client authenticates with `internalCredentials()`, a random secret made per
 * process, and may use every topic.
 *
 * @example
 * const policy = new MqttAccessPolicy({ logger });
 * const broker = await startEmbeddedBroker({ port: 1883, logger, policy });
 * const bus = await connectMqttBus(broker.url, { logger, ...policy.internalCredentials() });
 * const obd = policy.register('obd', { authenticate, authorizePublish, authorizeSubscribe });
 * await obd.disconnect((device) => device.deviceId === revokedId);
 */
export class MqttAccessPolicy {
  readonly #internalPassword = randomBytes(32).toString('base64url');
  readonly #modules = new Map<string, MqttDeviceAuthHooks<unknown>>();
  readonly #log: Logger;
  #control: MqttConnectionControl | undefined;

  constructor(options: { logger?: Logger } = {}) {
    this.#log = (options.logger ?? silentLogger()).child({ component: 'mqtt-access' });
  }

  /** The credentials of the platform's own client. Secret: pass them to `connectMqttBus`, never to a log. */
  internalCredentials(): { username: string; password: string } {
    return { username: INTERNAL_MQTT_USERNAME, password: this.#internalPassword };
  }

  /**
   * Declares device auth for module `owner` (effective at once, also on a broker already
   * listening). Throws AppError 409 `MQTT_AUTH_OWNER_DUPLICATE` when `owner` already registered,
   * 400 `MQTT_AUTH_OWNER_INVALID` for a name that is not a lower-case module name.
   */
  register<I>(owner: string, hooks: MqttDeviceAuthHooks<I>): MqttDeviceAuthRegistration<I> {
    if (!OWNER_NAME.test(owner)) throw badRequest('MQTT_AUTH_OWNER_INVALID', `"${owner}" is not a module name (lower-case letters, digits, dashes)`);
    if (this.#modules.has(owner)) throw conflict('MQTT_AUTH_OWNER_DUPLICATE', `Module "${owner}" already declared MQTT device auth`);
    const wasOpen = this.#modules.size === 0;
    this.#modules.set(owner, hooks as MqttDeviceAuthHooks<unknown>);
    this.#log.info({ owner }, 'MQTT device auth declared');
    if (wasOpen) void this.#dropOpenSessions();
    return {
      disconnect: async (predicate) =>
        (await this.#control?.disconnect((c) => c.session.kind === 'device' && c.session.owner === owner && predicate(c.session.identity as I))) ?? 0,
    };
  }

  /** The policy in force, for `/health`. */
  describe(): MqttAccessDescription {
    return { mode: this.#modules.size === 0 ? 'open' : 'device-auth', modules: [...this.#modules.keys()] };
  }

  /** Called by the broker that enforces this policy, once, when it starts. */
  attach(control: MqttConnectionControl): void {
    if (this.#control) throw new Error('This MqttAccessPolicy already serves a broker');
    this.#control = control;
  }

  /** Admits a connection as a session, or refuses it with CONNACK 5 (anonymous) or 4 (bad credentials). */
  async authenticate(credentials: MqttCredentials): Promise<MqttSession | MqttRefusal> {
    if (credentials.username === INTERNAL_MQTT_USERNAME) {
      return this.#isInternalPassword(credentials.password) ? { kind: 'internal' } : { refused: 4 };
    }
    if (this.#modules.size === 0) return { kind: 'open' };
    if (credentials.username === undefined) return { refused: 5 };
    for (const [owner, hooks] of this.#modules) {
      try {
        const outcome = await hooks.authenticate(credentials);
        if (outcome.accepted) return { kind: 'device', owner, identity: outcome.identity };
      } catch (error) {
        // One module's failure must neither admit the client nor stop the other modules from trying.
        this.#log.error({ err: error, owner, clientId: credentials.clientId }, 'MQTT authenticate hook failed');
      }
    }
    return { refused: 4 };
  }

  /** May `session` publish to `topic`? Nobody publishes to `$SYS/`, the broker's own topics. */
  authorizePublish(session: MqttSession, topic: string): Promise<boolean> {
    if (topic.startsWith('$SYS/')) return Promise.resolve(false);
    return this.#authorize(session, (hooks, identity) => hooks.authorizePublish(identity, topic), topic);
  }

  /** May `session` subscribe to `filter`? */
  authorizeSubscribe(session: MqttSession, filter: string): Promise<boolean> {
    return this.#authorize(session, (hooks, identity) => hooks.authorizeSubscribe(identity, filter), filter);
  }

  async #authorize(
    session: MqttSession,
    ask: (hooks: MqttDeviceAuthHooks<unknown>, identity: unknown) => boolean | Promise<boolean>,
    topic: string,
  ): Promise<boolean> {
    if (session.kind === 'internal') return true;
    // An open session outlives the open mode only until it is disconnected: refuse it meanwhile.
    if (session.kind === 'open') return this.#modules.size === 0;
    const hooks = this.#modules.get(session.owner);
    if (!hooks) return false;
    try {
      return (await ask(hooks, session.identity)) === true;
    } catch (error) {
      this.#log.error({ err: error, owner: session.owner, topic }, 'MQTT authorisation hook failed');
      return false;
    }
  }

  async #dropOpenSessions(): Promise<void> {
    try {
      const dropped = (await this.#control?.disconnect((c) => c.session.kind === 'open')) ?? 0;
      if (dropped > 0) this.#log.info({ dropped }, 'MQTT clients admitted before device auth was declared were disconnected');
    } catch (error) {
      this.#log.error({ err: error }, 'MQTT clients admitted while open could not be disconnected');
    }
  }

  #isInternalPassword(password: Buffer | undefined): boolean {
    const expected = Buffer.from(this.#internalPassword);
    return password !== undefined && password.length === expected.length && timingSafeEqual(password, expected);
  }
}
