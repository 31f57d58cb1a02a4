import { StoreError } from '../port';
import { BodyTooLarge, readCappedText } from './read-capped';
import { isRedirect, redirectMessage } from './redirects';
import { describeFetchFailure } from './fetch-errors';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs, type RetryOptions } from './retry-policy';
import type { TokenCache } from './token-cache';
import { StoreAuthError, StoreHttpError, StoreNotWopenError } from './wopen-http-errors';

/**
 * What every authenticated call to the store shares (catalog batches, orders): one HTTP try with the session
 * token and a timeout, and the retry loop around it — transient failures wait for Retry-After or a backoff
 * with full jitter; a 401 re-authenticates once without spending an attempt.
 */

export interface CallDeps {
  /** The full URL of an API path (built with URL from the store's origin, never by concatenating text). */
  endpoint: (path: string, query?: Record<string, string>) => URL;
  fetchImpl: typeof fetch;
  tokens: TokenCache;
  /** Per HTTP request, response body included. */
  timeoutMs: number;
  retry: RetryOptions;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export type Transient = { kind: 'transient'; reason: string; status?: number; retryAfterMs?: number };
export type Outcome<T> = { kind: 'done'; value: T } | { kind: 'unauthorized'; token: string } | Transient;

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');

/** Runs `attempt` until it is done, or throws StoreError (retryable) after the last attempt. */
export async function withRetries<T>(
  deps: CallDeps,
  attempt: () => Promise<Outcome<T>>,
  messages: { sessionRejected: string; gaveUp: (attempts: number, last: Transient) => string },
  signal?: AbortSignal,
): Promise<T> {
  const { attempts } = deps.retry;
  let reauthenticated = false;
  let last: Transient = { kind: 'transient', reason: 'sin respuesta' };
  for (let n = 1; n <= attempts; n++) {
    const outcome = await attempt();
    if (outcome.kind === 'done') return outcome.value;
    if (outcome.kind === 'unauthorized') {
      // The token expired mid-session: authenticate again once, without spending an attempt.
      if (reauthenticated) throw new StoreError(messages.sessionRejected, false, 401);
      reauthenticated = true;
      deps.tokens.invalidate(outcome.token);
      n--;
      continue;
    }
    last = outcome;
    if (n < attempts) {
      await deps.sleep(outcome.retryAfterMs ?? backoffDelayMs(n, deps.retry, deps.random), signal);
      throwIfAborted(signal);
    }
  }
  throw new StoreError(messages.gaveUp(attempts, last), true, last.status);
}

/**
 * One HTTP try with the session token. Returns the response (any status) or a transient failure; throws
 * StoreError for credentials the store refuses and for the caller's abort.
 */
export async function sendWithToken(
  deps: CallDeps,
  request: {
    method: string;
    path: string;
    query?: Record<string, string>;
    body?: string;
    headers?: Record<string, string>;
    maxBytes: number;
  },
  signal?: AbortSignal,
): Promise<{ kind: 'response'; res: Response; text: string; token: string } | Transient> {
  throwIfAborted(signal);
  let token: string;
  try {
    token = await deps.tokens.get();
  } catch (err) {
    throwIfAborted(signal);
    if (err instanceof StoreError) throw err; // e.g. the token call was redirected: never retried blindly
    if (err instanceof StoreAuthError)
      throw new StoreError('La tienda Wopen rechazó el Usuario o la Contraseña.', false, 401);
    if (err instanceof StoreNotWopenError)
      throw new StoreError('La URL responde, pero no parece una tienda CONTPAQi Wopen.', false, err.status);
    if (err instanceof StoreHttpError) {
      if (!isRetryableStatus(err.status))
        throw new StoreError(
          `La tienda Wopen respondió con un error al iniciar sesión (HTTP ${err.status}).`,
          false,
          err.status,
        );
      return {
        kind: 'transient',
        reason: `la tienda respondió HTTP ${err.status} al iniciar sesión`,
        status: err.status,
      };
    }
    return { kind: 'transient', reason: lowerFirst(describeFetchFailure(err, deps.timeoutMs).message) };
  }
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  try {
    const res = await deps.fetchImpl(deps.endpoint(request.path, request.query), {
      method: request.method,
      // A redirect is never followed: it would carry the bearer token (or the body) to wherever it points.
      redirect: 'manual',
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (isRedirect(res.status)) {
      await res.body?.cancel().catch(() => undefined);
      throw new StoreError(redirectMessage(res), false, res.status);
    }
    // Inside the try: a body that trickles past the timeout is a timeout too. Capped: see read-capped.ts. An
    // error page over the cap (a proxy's HTML) only loses its text: the status decides what happens.
    const text = res.ok
      ? await readCappedText(res, request.maxBytes)
      : await readCappedText(res, request.maxBytes).catch((e: unknown) => {
          if (e instanceof BodyTooLarge) return '';
          throw e;
        });
    return { kind: 'response', res, text, token };
  } catch (err) {
    throwIfAborted(signal);
    if (err instanceof BodyTooLarge || err instanceof StoreError) throw err;
    if ((err as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
      return { kind: 'transient', reason: 'la respuesta de la tienda no es texto UTF-8 válido' };
    return { kind: 'transient', reason: lowerFirst(describeFetchFailure(err, deps.timeoutMs).message) };
  }
}

/** A retryable HTTP status as a transient outcome (honouring Retry-After), or undefined. */
export function transientStatus(deps: CallDeps, res: Response): Transient | undefined {
  if (!isRetryableStatus(res.status)) return undefined;
  const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), deps.retry.maxRetryAfterMs);
  return {
    kind: 'transient',
    reason: `la tienda respondió HTTP ${res.status}`,
    status: res.status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** The store's own `error` text, short: it helps support without dumping the body. */
export function serverMessage(text: string): string | undefined {
  try {
    const e = (JSON.parse(text) as { error?: unknown } | null)?.error;
    return typeof e === 'string' && e !== '' ? e.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
