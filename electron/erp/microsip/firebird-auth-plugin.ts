/**
 * Which Firebird authentication plugin the client offers first, and whether it may follow the server to another.
 *
 * node-firebird offers a plugin and, if the server picks another, follows it, Legacy_Auth included — which sends a
 * DES hash of the password that anyone on the wire can replay and leaves no session key to encrypt the connection
 * with. So the client always names the plugin it will use: the server's refusal ("Server don't accept plugin : X,
 * but support : Y") is then an error before any password-derived data is sent, and Y is followed only when it is an
 * Srp plugin, or Legacy_Auth when the user allowed it for this connection.
 */

/** Srp256 first (the NIST choice, Firebird 3.0.4+); "Srp" (SHA-1 proof) is Firebird 3's default server plugin. */
export const PREFERRED_PLUGIN = 'Srp256';
export const SRP_PLUGINS = ['Srp512', 'Srp384', 'Srp256', 'Srp'] as const;
export const LEGACY_PLUGIN = 'Legacy_Auth';

/** The server only accepts Legacy_Auth and the connection does not allow it. */
export class LegacyAuthRefusedError extends Error {
  override readonly name = 'LegacyAuthRefusedError';
  constructor() {
    super('The Firebird server only accepts Legacy_Auth, which this connection does not allow');
  }
}

/** The plugin the server asked for instead of the one offered, from node-firebird's refusal; null for other errors. */
export function pluginTheServerWants(err: unknown): string | null {
  const message = err instanceof Error ? err.message : String(err);
  const match = /Server don't accept plugin : \S+, but support : ([A-Za-z0-9_]+)/.exec(message);
  return match?.[1] ?? null;
}

/**
 * What to do after the server refused `offered` for `wanted`: offer `wanted` instead, or stop.
 * Throws LegacyAuthRefusedError when the server wants Legacy_Auth and it is not allowed.
 */
export function nextPlugin(offered: string, wanted: string, allowLegacyAuth: boolean): string | null {
  if (wanted === offered) return null;
  if ((SRP_PLUGINS as readonly string[]).includes(wanted)) return wanted;
  if (wanted === LEGACY_PLUGIN) {
    if (allowLegacyAuth) return wanted;
    throw new LegacyAuthRefusedError();
  }
  return null;
}

/** The plugin that last worked per server, so each later attach needs one round trip, not two. */
const learned = new Map<string, string>();

export function firstPluginFor(host: string, port: number, allowLegacyAuth: boolean): string {
  const known = learned.get(`${host}:${port}`);
  if (known === LEGACY_PLUGIN && !allowLegacyAuth) return PREFERRED_PLUGIN;
  return known ?? PREFERRED_PLUGIN;
}

export function rememberPlugin(host: string, port: number, plugin: string): void {
  learned.set(`${host}:${port}`, plugin);
}

/** Wire protocol 13 (Firebird 3) is the first with plugins; older servers get the password or its DES hash. */
const PROTOCOL_13 = 0x8000 | 13;

interface AcceptedConnection {
  accept?: { protocolVersion?: number; pluginName?: string };
}

/**
 * Whether the handshake the server accepted would put the password, or its Legacy_Auth hash, in the attach
 * request: a pre-Firebird-3 server (protocol 10–12) or an accepted Legacy_Auth.
 */
export function handshakeIsLegacy(connection: AcceptedConnection): boolean {
  const accept = connection.accept;
  if (!accept) return false;
  return (accept.protocolVersion ?? 0) < PROTOCOL_13 || accept.pluginName === LEGACY_PLUGIN;
}

type Callback = (err: unknown, result?: unknown) => void;
type Step = (options: unknown, callback: Callback) => unknown;

/**
 * Makes one fresh node-firebird connection keep the password from a legacy handshake unless the connection allows
 * it: its attach (or create) request is not sent after a pre-Firebird-3 or Legacy_Auth handshake, and a server that
 * asks for Legacy_Auth in the middle of an Srp login (Firebird 4/5 chaining plugins) gets its socket closed instead
 * of the hash. `onRefused` lets the caller end the attach with LegacyAuthRefusedError at once.
 */
export function keepCredentialsFromLegacy(connection: unknown, allowLegacyAuth: boolean, onRefused: () => void): void {
  if (allowLegacyAuth || !connection || typeof connection !== 'object') return;
  const cnx = connection as Record<string, unknown> & AcceptedConnection;
  for (const name of ['attach', 'createDatabase'] as const) {
    const original = cnx[name];
    if (typeof original !== 'function') continue;
    cnx[name] = function guarded(this: unknown, options: unknown, callback: Callback) {
      if (handshakeIsLegacy(cnx)) {
        onRefused();
        callback(new LegacyAuthRefusedError());
        return undefined;
      }
      return (original as Step).call(this, options, callback);
    };
  }
  const sendAuth = cnx.sendOpContAuth;
  if (typeof sendAuth === 'function') {
    cnx.sendOpContAuth = function guarded(this: unknown, ...args: unknown[]) {
      if (args[2] === LEGACY_PLUGIN) {
        onRefused(); // the caller drops the socket before anything more is sent
        return undefined;
      }
      return (sendAuth as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}
