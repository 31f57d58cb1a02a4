/**
 * The real Start/Pro stamper: drives CONTPAQi Comercial's own stamping engine (COM `CFDI3.clsMain`) through the
 * Windows helper WopenTimbrado.exe, one process per run, speaking JSON lines over stdin/stdout. The protocol
 * and the error mapping are in docs/stamping-helper.md; keep both in step.
 *
 * Errors, as the Stamper port wants them:
 *  - the PAC, the SAT or Comercial refused this invoice (`kind` pac/sat/validation) → StampFailed: the invoice
 *    stays unstamped, the run goes on with the next one;
 *  - anything else (the helper crashed, timed out, broke the protocol, could not stamp at all, returned an XML
 *    that is not the stamped CFDI it announced) → a plain Error: the stamper is down or untrustworthy and the
 *    remaining invoices stay pending for the next run. After a crash, a timeout, a cancel or a protocol error
 *    the helper is stopped and every later call fails at once with the same reason.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidCfdi, readCfdi } from '../../cfdi/read-cfdi';
import { StampFailed, type StampedCfdi, type Stamper } from '../../stamper';
import {
  LineSplitter,
  PROTOCOL_MAX,
  PROTOCOL_MIN,
  ProtocolError,
  parseHelloResult,
  parseResponse,
  parseStampResult,
  parseStatusResult,
  type HelloResult,
  type HelperError,
  type HelperMethod,
  type HelperResponse,
  type StatusResult,
} from './protocol';

export const DEFAULT_STAMP_TIMEOUT_MS = 120_000;
export const DEFAULT_START_TIMEOUT_MS = 60_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

/** How the helper logs in to SQL Server. Sent only inside the `open` request (stdin), never in argv or env. */
export type HelperAuth = { kind: 'windows' } | { kind: 'sql'; user: string; password: string };

export interface HelperConnection {
  /** SQL Server instance as Comercial names it, e.g. `SERVIDOR\COMPAC`. */
  server: string;
  database: string;
  /** orgBusinessEntity.BusinessEntityID of the owned company. */
  companyId: string;
  /** Stamp against the PAC's test service (Comercial's `TestMode`): the CFDI has no fiscal value. */
  testMode: boolean;
  /** Default: Windows authentication of the account that runs the console or the service. */
  auth?: HelperAuth;
}

export interface HelperStamperOptions {
  /** Path to WopenTimbrado.exe (or, in tests, process.execPath). */
  command: string;
  args?: string[];
  connection: HelperConnection;
  /** Per `stamp`/`status` request; PACs are slow. Default 120 s. */
  timeoutMs?: number;
  /** For `hello` and `open` (loading Comercial's COM objects takes a while). Default 60 s. */
  startTimeoutMs?: number;
  /** How long close() waits for `bye` and then for the exit before killing the helper. Default 5 s. */
  closeTimeoutMs?: number;
  /** Extra environment variables for the helper, on top of the minimal set passed through. */
  env?: Record<string, string>;
  cwd?: string;
  /** Each stderr line of the helper and each warning of this side (e.g. an unreadable PDF); for the event log. */
  onDiagnostic?: (line: string) => void;
}

export interface HelperInfo extends HelloResult {
  pid: number;
}

/** Environment variables the helper gets from the parent: what Windows, COM and .NET need, nothing else. */
const PASSTHROUGH_ENV = [
  'SystemRoot',
  'SystemDrive',
  'windir',
  'ComSpec',
  'PATH',
  'PATHEXT',
  'TEMP',
  'TMP',
  'USERPROFILE',
  'USERNAME',
  'USERDOMAIN',
  'COMPUTERNAME',
  'APPDATA',
  'LOCALAPPDATA',
  'ProgramData',
  'ProgramFiles',
  'ProgramFiles(x86)',
  'ProgramW6432',
  'CommonProgramFiles',
  'CommonProgramFiles(x86)',
  'ALLUSERSPROFILE',
  'PUBLIC',
  'PROCESSOR_ARCHITECTURE',
  'NUMBER_OF_PROCESSORS',
  'OS',
  'HOMEDRIVE',
  'HOMEPATH',
  'HOME',
  'LANG',
] as const;

export function helperEnvironment(
  parent: NodeJS.ProcessEnv,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSTHROUGH_ENV) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * `WOPEN_STAMPER_HELPER`: the path of WopenTimbrado.exe (taken whole, spaces included; one pair of surrounding
 * quotes is dropped), or a JSON array `["command", "arg", ...]`. Unset or blank: null (this machine cannot
 * stamp). A value that starts with `[` but is not an array of strings throws.
 */
export function stamperCommandFromEnv(env: NodeJS.ProcessEnv): { command: string; args: string[] } | null {
  const raw = env.WOPEN_STAMPER_HELPER?.trim();
  if (!raw) return null;
  if (raw.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Error('WOPEN_STAMPER_HELPER empieza con «[» pero no es un arreglo JSON válido.');
    }
    if (
      !Array.isArray(parsed) ||
      parsed.length === 0 ||
      !parsed.every((p): p is string => typeof p === 'string') ||
      parsed[0]!.trim() === ''
    ) {
      throw new Error('WOPEN_STAMPER_HELPER debe ser una ruta o un arreglo JSON de textos: ["comando", "argumento", …].');
    }
    return { command: parsed[0]!, args: parsed.slice(1) };
  }
  const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).trim() : raw;
  return unquoted ? { command: unquoted, args: [] } : null;
}

/** The helper answered `ok: false`; stamp() maps it to StampFailed or Error. */
class HelperRefused extends Error {
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

const NAME = 'El ayudante de timbrado';

/** A helper message to embed in a sentence: without its final period, or 'sin detalle'. */
function clause(message: string): string {
  return message.trim().replace(/\.+$/, '') || 'sin detalle';
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Timbrado cancelado.', 'AbortError');
}

export class HelperProcessStamper implements Stamper {
  private state: State = 'open';
  private downReason: string | null = null;
  private nextId = 1;
  private inFlight: InFlight | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stderrTail: string[] = [];
  private stderrPartial = '';
  private readonly closed: Promise<void>;
  private exitCode: number | null = null;
  private exitSignal: NodeJS.Signals | null = null;
  private hasExited = false;
  helper: HelperInfo | null = null;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly opts: HelperStamperOptions,
  ) {
    const splitter = new LineSplitter((line) => this.onLine(line));
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.state === 'down') return;
      try {
        splitter.push(chunk);
      } catch (error) {
        this.goDown(this.protocolReason(error));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => this.onStderr(chunk.toString('utf8')));
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
        if (this.stderrPartial.trim()) this.noteStderrLine(this.stderrPartial);
        this.stderrPartial = '';
        const inFlight = this.inFlight;
        if (this.state === 'closing' && (!inFlight || inFlight.method === 'bye')) {
          this.inFlight = null;
          inFlight?.resolve({});
        } else if (this.state !== 'closed' && this.state !== 'down') {
          const how = code !== null ? `con el código ${code}` : `por la señal ${signal ?? '?'}`;
          const during = inFlight ? ` mientras atendía ${inFlight.what}` : '';
          this.goDown(`terminó inesperadamente ${how}${during}${this.lastDiagnostic()}`);
        }
        resolve();
      });
    });
  }

  static async open(opts: HelperStamperOptions): Promise<HelperProcessStamper> {
    const child = spawn(opts.command, opts.args ?? [], {
      cwd: opts.cwd,
      env: helperEnvironment(process.env, opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      shell: false,
    });
    const stamper = new HelperProcessStamper(child, opts);
    const startTimeout = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    try {
      let hello: HelloResult;
      try {
        hello = parseHelloResult(
          await stamper.request(
            'hello',
            { protocol: PROTOCOL_MAX, minProtocol: PROTOCOL_MIN, client: 'Wopen Sync Console' },
            startTimeout,
            '«hello»',
          ),
        );
      } catch (error) {
        if (error instanceof HelperRefused) {
          throw new Error(
            `${NAME} no acepta la versión ${PROTOCOL_MAX} del protocolo: ${clause(error.message || (error.error.code ?? ''))}. ` +
              'Instale la versión de WopenTimbrado.exe que corresponde a esta consola.',
          );
        }
        if (error instanceof ProtocolError) stamper.goDown(stamper.protocolReason(error));
        throw stamper.downError() ?? error;
      }
      if (hello.protocol < PROTOCOL_MIN || hello.protocol > PROTOCOL_MAX) {
        throw new Error(
          `${NAME} respondió con la versión ${hello.protocol} del protocolo y esta consola habla la ` +
            `${PROTOCOL_MIN === PROTOCOL_MAX ? PROTOCOL_MAX : `${PROTOCOL_MIN} a ${PROTOCOL_MAX}`}. ` +
            'Instale la versión de WopenTimbrado.exe que corresponde a esta consola.',
        );
      }
      stamper.helper = { ...hello, pid: child.pid ?? -1 };

      const c = opts.connection;
      try {
        await stamper.request(
          'open',
          {
            server: c.server,
            database: c.database,
            companyId: c.companyId,
            testMode: c.testMode,
            auth: c.auth ?? { kind: 'windows' },
          },
          startTimeout,
          '«open»',
        );
      } catch (error) {
        if (error instanceof HelperRefused) {
          throw new Error(
            `${NAME} no pudo abrir la empresa ${c.companyId} de la base ${c.database} en ${c.server}: ` +
              `${clause(error.message)}${error.error.code ? ` (${error.error.code})` : ''}.`,
          );
        }
        if (error instanceof ProtocolError) stamper.goDown(stamper.protocolReason(error));
        throw stamper.downError() ?? error;
      }
      return stamper;
    } catch (error) {
      await stamper.kill();
      throw error;
    }
  }

  async stamp(documentId: string, opts: { signal?: AbortSignal } = {}): Promise<StampedCfdi> {
    if (typeof documentId !== 'string' || documentId.trim() === '') {
      throw new Error('No se indicó el documento a timbrar.');
    }
    const what = `el timbrado del documento ${documentId}`;
    let raw: Record<string, unknown>;
    try {
      raw = await this.call('stamp', { documentId }, what, opts.signal);
    } catch (error) {
      if (error instanceof HelperRefused) {
        const { kind, code, message } = error.error;
        if (kind === 'pac' || kind === 'sat' || kind === 'validation') {
          throw new StampFailed(message || `El documento ${documentId} no se timbró (sin detalle del PAC).`, code);
        }
        throw new Error(
          `${NAME} no pudo timbrar el documento ${documentId}: ${clause(message)}${code ? ` (${code})` : ''}.`,
        );
      }
      throw error;
    }
    let result;
    try {
      result = parseStampResult(raw);
    } catch (error) {
      this.goDown(this.protocolReason(error));
      throw this.downError();
    }

    const xml = result.xml ?? (await this.readXmlFile(result.xmlPath!, documentId));
    let uuid: string;
    try {
      uuid = readCfdi(xml).uuid;
    } catch (error) {
      if (!(error instanceof InvalidCfdi)) throw error;
      throw new Error(
        `${NAME} informó el documento ${documentId} como timbrado (UUID ${result.uuid}) pero su XML no es un CFDI ` +
          `timbrado: ${error.message}`,
      );
    }
    if (uuid !== result.uuid.trim().toUpperCase()) {
      throw new Error(
        `${NAME} informó el UUID ${result.uuid} para el documento ${documentId} pero su XML tiene el UUID ${uuid}. ` +
          'No se registra el timbre; se volverá a consultar en la próxima sincronización.',
      );
    }
    const pdf = result.pdfPath ? await this.readPdf(result.pdfPath, documentId) : null;
    return { uuid, xml, pdf };
  }

  /** Whether Comercial has the document stamped (AlreadyDocsSigned), without stamping it. */
  async status(documentId: string, opts: { signal?: AbortSignal } = {}): Promise<StatusResult> {
    try {
      return parseStatusResult(
        await this.call('status', { documentId }, `la consulta del documento ${documentId}`, opts.signal),
      );
    } catch (error) {
      if (error instanceof HelperRefused) {
        throw new Error(`${NAME} no pudo consultar el documento ${documentId}: ${clause(error.message)}.`);
      }
      if (error instanceof ProtocolError) {
        this.goDown(this.protocolReason(error));
        throw this.downError();
      }
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends `bye` (after the request in progress, if any), then kills the helper if it has not exited in time. */
  async close(): Promise<void> {
    if (this.state === 'closed') return this.closed;
    if (this.state === 'down') {
      await this.kill();
      this.state = 'closed';
      return;
    }
    if (this.state === 'closing') return this.closed;
    this.state = 'closing';
    const wait = this.opts.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    try {
      await this.request('bye', undefined, wait, '«bye»');
    } catch {
      // Killed below if it does not go by itself.
    }
    this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    const exited = await Promise.race([
      this.closed.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), wait))),
    ]);
    clearTimeout(timer);
    if (!exited) {
      this.diagnostic(`${NAME} no terminó ${seconds(wait)} después de «bye»; se detiene.`);
      await this.kill();
    }
    this.state = 'closed';
  }

  // ---------------------------------------------------------------------------------------------------------

  /** A public request: refused once closing or down; serialized behind the request in progress. */
  private call(
    method: 'stamp' | 'status',
    params: Record<string, unknown>,
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    if (this.state === 'closing' || this.state === 'closed') {
      return Promise.reject(new Error(`${NAME} ya se cerró; no se puede atender ${what}.`));
    }
    const down = this.downError();
    if (down) return Promise.reject(down);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return this.request(method, params, this.opts.timeoutMs ?? DEFAULT_STAMP_TIMEOUT_MS, what, signal);
  }

  /** One request/response, after the previous one ended (the protocol allows one at a time). */
  private request(
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
            this.goDown(`no respondió en ${seconds(timeoutMs)} a ${what}${this.lastDiagnostic()}`);
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

  private onStderr(text: string): void {
    const lines = (this.stderrPartial + text).split(/\r?\n/);
    this.stderrPartial = lines.pop() ?? '';
    if (this.stderrPartial.length > 8192) {
      this.noteStderrLine(this.stderrPartial);
      this.stderrPartial = '';
    }
    for (const line of lines) if (line.trim()) this.noteStderrLine(line);
  }

  private noteStderrLine(line: string): void {
    const trimmed = line.trim().slice(0, 2000);
    this.stderrTail.push(trimmed);
    if (this.stderrTail.length > 5) this.stderrTail.shift();
    this.diagnostic(trimmed);
  }

  private lastDiagnostic(): string {
    const last = this.stderrTail.at(-1);
    return last ? `. Último mensaje del ayudante: «${last}»` : '';
  }

  private diagnostic(line: string): void {
    try {
      this.opts.onDiagnostic?.(line);
    } catch {
      // A broken logger must not break stamping.
    }
  }

  private protocolReason(error: unknown): string {
    return `rompió el protocolo: ${error instanceof Error ? error.message : String(error)}`;
  }

  /** Marks the helper down (later calls fail at once), fails the request in progress and stops the process. */
  private goDown(reason: string): void {
    if (this.state === 'down' || this.state === 'closed') return;
    this.state = 'down';
    this.downReason = reason;
    const inFlight = this.inFlight;
    this.inFlight = null;
    inFlight?.reject(new Error(`${NAME} ${reason}.`));
    if (!this.hasExited) this.child.kill('SIGKILL');
  }

  private downError(): Error | null {
    if (this.state !== 'down') return null;
    return new Error(
      `${NAME} no está disponible: ${this.downReason}. Las facturas sin timbrar quedan pendientes para la ` +
        'próxima sincronización.',
    );
  }

  private async kill(): Promise<void> {
    if (!this.hasExited) this.child.kill('SIGKILL');
    await this.closed;
  }

  private async readXmlFile(xmlPath: string, documentId: string): Promise<string> {
    if (!path.isAbsolute(xmlPath)) {
      throw new Error(`${NAME} dio una ruta relativa para el XML del documento ${documentId}: «${xmlPath}».`);
    }
    try {
      return (await fs.readFile(xmlPath)).toString('utf8');
    } catch (error) {
      throw new Error(
        `No se pudo leer el XML timbrado del documento ${documentId} en «${xmlPath}»: ` +
          `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }

  /** The PDF is a courtesy: when it cannot be read the CFDI is still returned, with pdf null. */
  private async readPdf(pdfPath: string, documentId: string): Promise<Buffer | null> {
    try {
      if (!path.isAbsolute(pdfPath)) throw new Error('ruta relativa');
      return await fs.readFile(pdfPath);
    } catch (error) {
      this.diagnostic(
        `No se pudo leer el PDF del documento ${documentId} en «${pdfPath}»: ` +
          `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Se guarda solo el XML.`,
      );
      return null;
    }
  }

  /** For diagnostics: how the helper ended, once it has. */
  get exit(): { code: number | null; signal: NodeJS.Signals | null } | null {
    return this.hasExited ? { code: this.exitCode, signal: this.exitSignal } : null;
  }
}

/** Starts WopenTimbrado.exe, negotiates the protocol and opens the company; the caller must close() it. */
export function openHelperStamper(opts: HelperStamperOptions): Promise<HelperProcessStamper> {
  return HelperProcessStamper.open(opts);
}
