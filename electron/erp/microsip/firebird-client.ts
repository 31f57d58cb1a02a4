import * as Firebird from 'node-firebird';
import {
  LegacyAuthRefusedError,
  firstPluginFor,
  keepCredentialsFromLegacy,
  nextPlugin,
  pluginTheServerWants,
  rememberPlugin,
} from './firebird-auth-plugin';

/**
 * A small promise layer over node-firebird's callback API: one attachment per unit of work, always
 * detached in `finally`, every step under a timeout, parameters always bound (never concatenated).
 * Driver quirks handled here (seen with node-firebird 2.17.1 against Firebird 3.0.11):
 *  - on some failures the attach callback fires two or three times → settle once;
 *  - after a failed attach (missing file, wire-crypt mismatch, rejected plugin) the socket stays open
 *    and the driver's "reconnect" timer keeps the process alive → abandon the connection explicitly.
 */

export interface FirebirdTarget {
  host: string;
  port: number;
  /** Path of the database file on the server. */
  database: string;
  user: string;
  password: string;
  /** Follow a server that only accepts Legacy_Auth (an old server): an explicit choice of the connection. */
  allowLegacyAuth?: boolean;
}

export interface FirebirdTimeouts {
  attachMs: number;
  queryMs: number;
  detachMs: number;
}

/**
 * Attach waits past 8 s on purpose: Firebird answers every 4th failed login from one address only after 8 s (its
 * brute-force guard), and a wrong password must be reported as such, not as a server that does not answer.
 */
export const DEFAULT_TIMEOUTS: FirebirdTimeouts = { attachMs: 15_000, queryMs: 30_000, detachMs: 5_000 };

/**
 * Connection charset. Microsip's own client writes Windows-1252, so any text parameter we send must be
 * WIN1252 bytes for NONE columns to stay readable by Microsip. Reads do not depend on it: text columns
 * are read as OCTETS and decoded in win1252-text.ts.
 */
export const CONNECTION_ENCODING = 'WIN1252';

export type SqlParam = string | number | bigint | boolean | Date | Buffer | null;
export type SqlRow = Record<string, unknown>;

export interface FirebirdQueryable {
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
}

export interface FirebirdSession extends FirebirdQueryable {
  /** Runs `work` in one READ COMMITTED transaction: commit on success, rollback on any error. */
  transaction<T>(work: (tx: FirebirdQueryable) => Promise<T>): Promise<T>;
}

/** A step that did not finish in time. The message stays technical; firebird-errors.ts translates it. */
export class FirebirdTimeoutError extends Error {
  override readonly name = 'FirebirdTimeoutError';
  constructor(
    readonly step: 'attach' | 'query' | 'detach' | 'create',
    readonly timeoutMs: number,
  ) {
    super(`Firebird ${step} timed out after ${timeoutMs} ms`);
  }
}

/** Attaches, runs `work`, detaches (even when `work` throws). */
export async function withFirebird<T>(
  target: FirebirdTarget,
  work: (session: FirebirdSession) => Promise<T>,
  timeouts: FirebirdTimeouts = DEFAULT_TIMEOUTS,
): Promise<T> {
  const db = await openAttachment(
    (options, callback) => Firebird.attach(options, callback),
    target,
    timeouts.attachMs,
    'attach',
  );
  return runAndDetach(db, work, timeouts);
}

/** Creates a new database file (fails if it exists) and hands it over like `withFirebird`. */
export async function withNewFirebirdDatabase<T>(
  target: FirebirdTarget & { pageSize?: number; defaultCharset?: string },
  work: (session: FirebirdSession) => Promise<T>,
  timeouts: FirebirdTimeouts = DEFAULT_TIMEOUTS,
): Promise<T> {
  const db = await openAttachment(
    (options, callback) => Firebird.create(options, callback),
    target,
    timeouts.attachMs,
    'create',
  );
  return runAndDetach(db, work, timeouts);
}

/** Drops (deletes) a database file through the server. */
export async function dropFirebirdDatabase(
  target: FirebirdTarget,
  timeouts: FirebirdTimeouts = DEFAULT_TIMEOUTS,
): Promise<void> {
  const db = await openAttachment(
    (options, callback) => Firebird.attach(options, callback),
    target,
    timeouts.attachMs,
    'attach',
  );
  const dropped = new Promise<void>((resolve, reject) =>
    db.drop((err: unknown) => (err ? reject(toError(err)) : resolve())),
  );
  try {
    await withTimeout(dropped, timeouts.queryMs, 'query');
  } catch (err) {
    abandon(connectionOf(db));
    throw err;
  }
}

type Opener = (options: Firebird.Options, callback: (err: unknown, db: Firebird.Database) => void) => void;

/** Attaches offering one plugin at a time (firebird-auth-plugin.ts): at most one switch, never to a refused one. */
async function openAttachment(
  opener: Opener,
  target: FirebirdTarget & { pageSize?: number; defaultCharset?: string },
  timeoutMs: number,
  step: 'attach' | 'create',
): Promise<Firebird.Database> {
  const allowLegacy = target.allowLegacyAuth === true;
  let plugin = firstPluginFor(target.host, target.port, allowLegacy);
  for (let attempt = 0; ; attempt++) {
    try {
      const db = await attachOffering(opener, target, plugin, timeoutMs, step);
      // A legacy handshake never gets here unless allowed: keepCredentialsFromLegacy ends the attach first.
      rememberPlugin(target.host, target.port, acceptedPlugin(db) ?? plugin);
      return db;
    } catch (err) {
      const wanted = pluginTheServerWants(err);
      const next = wanted && attempt === 0 ? nextPlugin(plugin, wanted, allowLegacy) : null;
      if (!next) throw err;
      plugin = next;
    }
  }
}

function acceptedPlugin(db: Firebird.Database): string | null {
  const accept = (connectionOf(db) as { accept?: { pluginName?: unknown } } | undefined)?.accept;
  return typeof accept?.pluginName === 'string' && accept.pluginName ? accept.pluginName : null;
}

function attachOffering(
  opener: Opener,
  target: FirebirdTarget & { pageSize?: number; defaultCharset?: string },
  pluginName: string,
  timeoutMs: number,
  step: 'attach' | 'create',
): Promise<Firebird.Database> {
  const options: Firebird.Options = {
    pluginName,
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    encoding: CONNECTION_ENCODING,
    lowercase_keys: false,
  };
  if (target.pageSize) options.pageSize = target.pageSize;
  if (target.defaultCharset) options.defaultCharset = target.defaultCharset;

  return new Promise((resolve, reject) => {
    let settled = false;
    let connection: unknown;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      abandon(connection);
      reject(new FirebirdTimeoutError(step, timeoutMs));
    }, timeoutMs);

    const before = Firebird.connection;
    try {
      opener(options, (err, db) => {
        if (settled) {
          // Late success after a timeout: release it; late or repeated errors: ignore.
          if (!err && db) db.detach(() => undefined);
          return;
        }
        settled = true;
        clearTimeout(timer);
        if (err || !db) {
          abandon(connection);
          reject(toError(err ?? new Error('Firebird attach returned no database')));
        } else {
          resolve(db);
        }
      });
    } catch (err) {
      settled = true;
      clearTimeout(timer);
      reject(toError(err));
      return;
    }
    // attach()/create() publish their fresh Connection synchronously; keep it to clean up on failure.
    if (Firebird.connection !== before) connection = Firebird.connection;
    keepCredentialsFromLegacy(connection, target.allowLegacyAuth === true, () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      abandon(connection);
      reject(new LegacyAuthRefusedError());
    });
  });
}

async function runAndDetach<T>(
  db: Firebird.Database,
  work: (session: FirebirdSession) => Promise<T>,
  timeouts: FirebirdTimeouts,
): Promise<T> {
  const attachment = sessionOver(db, timeouts);
  try {
    return await work(attachment);
  } finally {
    await attachment.close();
  }
}

/** A read-only transaction whose queries all see the database as it was when it started. */
export interface FirebirdSnapshot extends FirebirdQueryable {
  /** Ends the snapshot (read-only: commit only releases it). Safe to call twice. */
  release(): Promise<void>;
}

/** An attachment that stays open until `close()`: for the sync engine, which reads over many calls. */
export interface OpenFirebirdSession extends FirebirdSession {
  /**
   * Starts a read-only SNAPSHOT (isc_tpb_concurrency) transaction: block checksums and the rows read
   * after them agree even while Microsip users keep saving.
   */
  snapshot(): Promise<FirebirdSnapshot>;
  /** Detaches. Safe to call twice. */
  close(): Promise<void>;
}

/** Attaches and keeps the attachment open; the caller must `close()` it. */
export async function openFirebird(
  target: FirebirdTarget,
  timeouts: FirebirdTimeouts = DEFAULT_TIMEOUTS,
): Promise<OpenFirebirdSession> {
  const db = await openAttachment(
    (options, callback) => Firebird.attach(options, callback),
    target,
    timeouts.attachMs,
    'attach',
  );
  return sessionOver(db, timeouts);
}

function sessionOver(db: Firebird.Database, timeouts: FirebirdTimeouts): OpenFirebirdSession {
  // inFlight: requests sent and not answered. Closing then must not queue a detach behind them (it would wait
  // for the very query the caller gave up on): the socket is dropped and the server ends the attachment.
  const state = { broken: false, closed: false, inFlight: 0 };
  const tracked = <T>(p: Promise<T>): Promise<T> => {
    state.inFlight++;
    return p.finally(() => state.inFlight--);
  };
  const onTimeout = (err: unknown): never => {
    if (err instanceof FirebirdTimeoutError) {
      state.broken = true;
      abandon(connectionOf(db));
    }
    throw err;
  };
  const queryIn = (tx: Firebird.Transaction): FirebirdQueryable => ({
    query: <Q extends SqlRow>(sql: string, params: readonly SqlParam[] = []) =>
      withTimeout(tracked(tx.queryAsync<Q>(sql, [...params])), timeouts.queryMs, 'query').catch(onTimeout),
  });
  return {
    query: <R extends SqlRow>(sql: string, params: readonly SqlParam[] = []) =>
      withTimeout(tracked(db.queryAsync<R>(sql, [...params])), timeouts.queryMs, 'query').catch(onTimeout),
    transaction: async <R>(work2: (tx: FirebirdQueryable) => Promise<R>) => {
      const tx = await withTimeout(
        db.transactionAsync(Firebird.ISOLATION_READ_COMMITTED),
        timeouts.queryMs,
        'query',
      ).catch(onTimeout);
      try {
        const result = await work2(queryIn(tx));
        await withTimeout(tx.commitAsync(), timeouts.queryMs, 'query').catch(onTimeout);
        return result;
      } catch (err) {
        if (!state.broken) await withTimeout(tx.rollbackAsync(), timeouts.queryMs, 'query').catch(() => undefined);
        throw err;
      }
    },
    snapshot: async () => {
      const options = { isolation: Firebird.ISOLATION_REPEATABLE_READ, readOnly: true };
      const tx = await withTimeout(db.transactionAsync(options), timeouts.queryMs, 'query').catch(onTimeout);
      let released = false;
      return {
        ...queryIn(tx),
        release: async () => {
          if (released || state.broken || state.closed) return;
          released = true;
          if (state.inFlight > 0) return; // abandoned mid-query: the close that follows drops the attachment
          await withTimeout(tx.commitAsync(), timeouts.queryMs, 'query').catch(onTimeout);
        },
      };
    },
    close: async () => {
      if (state.closed) return;
      state.closed = true;
      if (state.broken) return;
      if (state.inFlight > 0) {
        state.broken = true;
        abandon(connectionOf(db));
        return;
      }
      try {
        await withTimeout(db.detachAsync(), timeouts.detachMs, 'detach');
      } catch {
        // A failed detach must not hide the real result; drop the socket so nothing leaks.
        abandon(connectionOf(db));
      }
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, step: FirebirdTimeoutError['step']): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FirebirdTimeoutError(step, ms)), ms);
  });
  return Promise.race([promise.catch((err: unknown) => Promise.reject(toError(err))), timeout]).finally(() =>
    clearTimeout(timer),
  );
}

/** The private fields of node-firebird's Connection we touch to close a half-open attachment. */
interface AbandonableConnection {
  _isDetach?: boolean;
  _retry_connection_id?: ReturnType<typeof setTimeout>;
  _socket?: { destroy(): void } | null;
}

function connectionOf(db: Firebird.Database): unknown {
  return (db as unknown as { connection?: unknown }).connection;
}

function abandon(connection: unknown): void {
  if (!connection || typeof connection !== 'object') return;
  const cnx = connection as AbandonableConnection;
  cnx._isDetach = true; // makes the driver's 'close' handler skip its reconnect timer
  if (cnx._retry_connection_id) clearTimeout(cnx._retry_connection_id);
  try {
    cnx._socket?.destroy();
  } catch {
    // already closed
  }
}

/** node-firebird rejects with Error objects, `{ error, message }` objects or strings; normalise. */
export function toError(err: unknown): Error {
  if (err instanceof Error) return err;
  if (err && typeof err === 'object') {
    const rec = err as { error?: unknown; message?: unknown };
    if (rec.error instanceof Error) return rec.error;
    if (typeof rec.message === 'string') return Object.assign(new Error(rec.message), rec);
  }
  return new Error(String(err));
}
