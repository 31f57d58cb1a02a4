/**
 * The JSON-lines channel to one WopenTimbrado.exe process: spawns it, sends one request at a time over stdin,
 * matches the responses on stdout, and turns a crash, a timeout, a cancel or a protocol error into "down": the
 * process is killed and every later request fails at once with the same reason (docs/stamping-helper.md).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { helperEnvironment } from './helper-command';
import { HelperStderr } from './helper-stderr';
import { LineSplitter, parseResponse, type HelperError, type HelperMethod, type HelperResponse } from './protocol';

/** The subject of every message about the helper. */
export const HELPER_NAME = 'El ayudante de timbrado';

export interface HelperChannelOptions {
  command: string;
  args?: string[];
  /** Extra environment variables, on top of the minimal set passed through. */
  env?: Record<string, string>;
  cwd?: string;
  /** Each stderr line of the helper and each warning of this side. */
  onDiagnostic?: (line: string) => void;
}

/** The helper answered `ok: false`; the caller maps it to StampFailed or Error. */
export class HelperRefused extends Error {
  constructor(readonly error: HelperError) {
    super(error.message);
  }
}

interface InFlight {
  id: number;
  method: HelperMethod;
  what: string;
  resolve: (result: Record<string, unknown>) => void;
  reject: (error: unknown) => void;
}

type State = 'open' | 'closing' | 'closed' | 'down';

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Timbrado cancelado.', 'AbortError');
}

export class HelperChannel {
  private state: State = 'open';
  private downReason: string | null = null;
  private nextId = 1;
  private inFlight: InFlight | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stderr: HelperStderr;
  private readonly closed: Promise<void>;
  private exitCode: number | null = null;
  private exitSignal: NodeJS.Signals | null = null;
  private hasExited = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly opts: HelperChannelOptions,
  ) {
    this.stderr = new HelperStderr(this.diagnostic);
    const splitter = new LineSplitter((line) => this.onLine(line));
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.state === 'down') return;
      try {
        splitter.push(chunk);
      } catch (error) {
        this.goDown(this.protocolReason(error));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    // EPIPE when the helper is gone: the 'close' handler reports it.
    child.stdin.on('error', () => {});
    this.closed = new Promise<void>((resolve) => {
      child.on('error', (error) => {
        this.goDown(`no se pudo iniciar «${opts.command}»: ${error.message}`);
        if (child.pid === undefined) {
          this.hasExited = true;
          resolve();
        }
      });
      child.on('close', (code, signal) => {
        this.hasExited = true;
        this.exitCode = code;
        this.exitSignal = signal;
        this.stderr.flush();
        const inFlight = this.inFlight;
        if (this.state === 'closing' && (!inFlight || inFlight.method === 'bye')) {
          this.inFlight = null;
          inFlight?.resolve({});
        } else if (this.state !== 'closed' && this.state !== 'down') {
          const how = code !== null ? `con el código ${code}` : `por la señal ${signal ?? '?'}`;
          const during = inFlight ? ` mientras atendía ${inFlight.what}` : '';
          this.goDown(`terminó inesperadamente ${how}${during}${this.stderr.lastMessage()}`);
        }
        resolve();
      });
    });
  }

  static spawn(opts: HelperChannelOptions): HelperChannel {
    const child = spawn(opts.command, opts.args ?? [], {
      cwd: opts.cwd,
      env: helperEnvironment(process.env, opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      shell: false,
    });
    return new HelperChannel(child, opts);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** For diagnostics: how the helper ended, once it has. */
  get exit(): { code: number | null; signal: NodeJS.Signals | null } | null {
    return this.hasExited ? { code: this.exitCode, signal: this.exitSignal } : null;
  }

  /** A request on behalf of a caller (stamp, status): refused once closing or down, or already aborted. */
  requestWhileOpen(
    method: HelperMethod,
    params: Record<string, unknown>,
    timeoutMs: number,
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    if (this.state === 'closing' || this.state === 'closed') {
      return Promise.reject(new Error(`${HELPER_NAME} ya se cerró; no se puede atender ${what}.`));
    }
    const down = this.downError();
    if (down) return Promise.reject(down);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return this.request(method, params, timeoutMs, what, signal);
  }

  /** One request/response, after the previous one ended (the protocol allows one at a time). */
  request(
    method: HelperMethod,
    params: Record<string, unknown> | undefined,
    timeoutMs: number,
    what: string,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      let settled = false;
      let started = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        if (!signal) return;
        finish(() => reject(abortReason(signal)));
        // The COM call cannot be interrupted: stop the helper. Comercial may have stamped it; the next
        // `stamp` of the same document returns it as alreadyStamped.
        if (started) this.goDown(`se canceló ${what}`);
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      const run = () =>
        new Promise<void>((done) => {
          if (settled) return done();
          const down = this.downError();
          if (down) {
            finish(() => reject(down));
            return done();
          }
          started = true;
          const id = this.nextId++;
          this.inFlight = {
            id,
            method,
            what,
            resolve: (result) => {
              this.inFlight = null;
              finish(() => resolve(result));
              done();
            },
            reject: (error) => {
              this.inFlight = null;
              finish(() => reject(error));
              done();
            },
          };
          const current = this.inFlight;
          timer = setTimeout(() => {
            this.goDown(`no respondió en ${seconds(timeoutMs)} a ${what}${this.stderr.lastMessage()}`);
          }, timeoutMs);
          const line = JSON.stringify(params === undefined ? { id, method } : { id, method, params }) + '\n';
          this.child.stdin.write(line, 'utf8', (error) => {
            if (error && this.inFlight === current) this.goDown(`no se le pudo escribir: ${error.message}`);
          });
        });
      const next = this.queue.then(run, run);
      this.queue = next.catch(() => {});
    });
  }

  /** Sends `bye` (after the request in progress, if any), then kills the helper if it has not exited in time. */
  async close(waitMs: number): Promise<void> {
    if (this.state === 'closed') return this.closed;
    if (this.state === 'down') {
      await this.kill();
      this.state = 'closed';
      return;
    }
    if (this.state === 'closing') return this.closed;
    this.state = 'closing';
    try {
      await this.request('bye', undefined, waitMs, '«bye»');
    } catch {
      // Killed below if it does not go by itself.
    }
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const exited = await Promise.race([
      this.closed.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs))),
    ]);
    clearTimeout(timer);
    if (!exited) {
      this.diagnostic(`${HELPER_NAME} no terminó ${seconds(waitMs)} después de «bye»; se detiene.`);
      await this.kill();
    }
    this.state = 'closed';
  }

  async kill(): Promise<void> {
    if (!this.hasExited) this.child.kill('SIGKILL');
    await this.closed;
  }

  /** Marks the helper down (later calls fail at once), fails the request in progress and stops the process. */
  goDown(reason: string): void {
    if (this.state === 'down' || this.state === 'closed') return;
    this.state = 'down';
    this.downReason = reason;
    const inFlight = this.inFlight;
    this.inFlight = null;
    inFlight?.reject(new Error(`${HELPER_NAME} ${reason}.`));
    if (!this.hasExited) this.child.kill('SIGKILL');
  }

  downError(): Error | null {
    if (this.state !== 'down') return null;
    return new Error(
      `${HELPER_NAME} no está disponible: ${this.downReason}. Las facturas sin timbrar quedan pendientes para la ` +
        'próxima sincronización.',
    );
  }

  protocolReason(error: unknown): string {
    return `rompió el protocolo: ${error instanceof Error ? error.message : String(error)}`;
  }

  /** An arrow so it can be handed over as a callback. */
  readonly diagnostic = (line: string): void => {
    try {
      this.opts.onDiagnostic?.(line);
    } catch {
      // A broken logger must not break stamping.
    }
  };

  private onLine(line: string): void {
    let response: HelperResponse;
    try {
      response = parseResponse(line);
    } catch (error) {
      this.goDown(this.protocolReason(error));
      return;
    }
    const inFlight = this.inFlight;
    if (!inFlight) {
      this.goDown(`respondió sin que se le preguntara nada (id ${response.id})`);
      return;
    }
    if (response.id !== inFlight.id) {
      this.goDown(`respondió al mensaje ${response.id} cuando se esperaba la respuesta al ${inFlight.id}`);
      return;
    }
    if (response.ok) inFlight.resolve(response.result);
    else inFlight.reject(new HelperRefused(response.error));
  }
}
