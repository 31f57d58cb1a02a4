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
 *    the helper is stopped and every later call fails at once with the same reason (helper-channel.ts).
 */
import { StampFailed, type StampedCfdi, type Stamper } from '../../stamper';
import { HELPER_NAME, HelperChannel, HelperRefused, type HelperChannelOptions } from './helper-channel';
import {
  PROTOCOL_MAX,
  PROTOCOL_MIN,
  ProtocolError,
  parseHelloResult,
  parseStampResult,
  parseStatusResult,
  type HelloResult,
  type StatusResult,
} from './protocol';
import { readStampedCfdi } from './stamped-result';

// The connector imports it from here.
export { stamperCommandFromEnv } from './helper-command';

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

export interface HelperStamperOptions extends HelperChannelOptions {
  /** Path to WopenTimbrado.exe (or, in tests, process.execPath). */
  command: string;
  connection: HelperConnection;
  /** Per `stamp`/`status` request; PACs are slow. Default 120 s. */
  timeoutMs?: number;
  /** For `hello` and `open` (loading Comercial's COM objects takes a while). Default 60 s. */
  startTimeoutMs?: number;
  /** How long close() waits for `bye` and then for the exit before killing the helper. Default 5 s. */
  closeTimeoutMs?: number;
  /** Each stderr line of the helper and each warning of this side (e.g. an unreadable PDF); for the event log. */
  onDiagnostic?: (line: string) => void;
}

export interface HelperInfo extends HelloResult {
  pid: number;
}

/** A helper message to embed in a sentence: without its final period, or 'sin detalle'. */
function clause(message: string): string {
  return message.trim().replace(/\.+$/, '') || 'sin detalle';
}

export class HelperProcessStamper implements Stamper {
  helper: HelperInfo | null = null;

  private constructor(
    private readonly channel: HelperChannel,
    private readonly opts: HelperStamperOptions,
  ) {}

  static async open(opts: HelperStamperOptions): Promise<HelperProcessStamper> {
    const channel = HelperChannel.spawn(opts);
    const stamper = new HelperProcessStamper(channel, opts);
    const startTimeout = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    try {
      let hello: HelloResult;
      try {
        hello = parseHelloResult(
          await channel.request(
            'hello',
            { protocol: PROTOCOL_MAX, minProtocol: PROTOCOL_MIN, client: 'Wopen Sync Console' },
            startTimeout,
            '«hello»',
          ),
        );
      } catch (error) {
        if (error instanceof HelperRefused) {
          throw new Error(
            `${HELPER_NAME} no acepta la versión ${PROTOCOL_MAX} del protocolo: ${clause(error.message || (error.error.code ?? ''))}. ` +
              'Instale la versión de WopenTimbrado.exe que corresponde a esta consola.',
          );
        }
        if (error instanceof ProtocolError) channel.goDown(channel.protocolReason(error));
        throw channel.downError() ?? error;
      }
      if (hello.protocol < PROTOCOL_MIN || hello.protocol > PROTOCOL_MAX) {
        throw new Error(
          `${HELPER_NAME} respondió con la versión ${hello.protocol} del protocolo y esta consola habla la ` +
            `${PROTOCOL_MIN === PROTOCOL_MAX ? PROTOCOL_MAX : `${PROTOCOL_MIN} a ${PROTOCOL_MAX}`}. ` +
            'Instale la versión de WopenTimbrado.exe que corresponde a esta consola.',
        );
      }
      stamper.helper = { ...hello, pid: channel.pid ?? -1 };

      const c = opts.connection;
      try {
        await channel.request(
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
            `${HELPER_NAME} no pudo abrir la empresa ${c.companyId} de la base ${c.database} en ${c.server}: ` +
              `${clause(error.message)}${error.error.code ? ` (${error.error.code})` : ''}.`,
          );
        }
        if (error instanceof ProtocolError) channel.goDown(channel.protocolReason(error));
        throw channel.downError() ?? error;
      }
      return stamper;
    } catch (error) {
      await channel.kill();
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
      raw = await this.call('stamp', documentId, what, opts.signal);
    } catch (error) {
      if (error instanceof HelperRefused) {
        const { kind, code, message } = error.error;
        if (kind === 'pac' || kind === 'sat' || kind === 'validation') {
          throw new StampFailed(message || `El documento ${documentId} no se timbró (sin detalle del PAC).`, code);
        }
        throw new Error(
          `${HELPER_NAME} no pudo timbrar el documento ${documentId}: ${clause(message)}${code ? ` (${code})` : ''}.`,
        );
      }
      throw error;
    }
    let result;
    try {
      result = parseStampResult(raw);
    } catch (error) {
      this.channel.goDown(this.channel.protocolReason(error));
      throw this.channel.downError();
    }
    return readStampedCfdi(result, documentId, this.channel.diagnostic);
  }

  /** Whether Comercial has the document stamped (AlreadyDocsSigned), without stamping it. */
  async status(documentId: string, opts: { signal?: AbortSignal } = {}): Promise<StatusResult> {
    try {
      return parseStatusResult(
        await this.call('status', documentId, `la consulta del documento ${documentId}`, opts.signal),
      );
    } catch (error) {
      if (error instanceof HelperRefused) {
        throw new Error(`${HELPER_NAME} no pudo consultar el documento ${documentId}: ${clause(error.message)}.`);
      }
      if (error instanceof ProtocolError) {
        this.channel.goDown(this.channel.protocolReason(error));
        throw this.channel.downError();
      }
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.channel.pid;
  }

  /** For diagnostics: how the helper ended, once it has. */
  get exit(): { code: number | null; signal: NodeJS.Signals | null } | null {
    return this.channel.exit;
  }

  /** Sends `bye` (after the request in progress, if any), then kills the helper if it has not exited in time. */
  close(): Promise<void> {
    return this.channel.close(this.opts.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
  }

  private call(
    method: 'stamp' | 'status',
    documentId: string,
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_STAMP_TIMEOUT_MS;
    return this.channel.requestWhileOpen(method, { documentId }, timeoutMs, what, signal);
  }
}

/** Starts WopenTimbrado.exe, negotiates the protocol and opens the company; the caller must close() it. */
export function openHelperStamper(opts: HelperStamperOptions): Promise<HelperProcessStamper> {
  return HelperProcessStamper.open(opts);
}
