/**
 * The WopenTimbrado.exe protocol (docs/stamping-helper.md): JSON lines over the helper's stdin/stdout.
 * This file only describes and checks messages; helper-channel.ts drives the process.
 */

/** The protocol versions this console speaks (lowest, highest). */
export const PROTOCOL_MIN = 1;
export const PROTOCOL_MAX = 1;
/** A stdout line longer than this is a protocol error (an inline CFDI is a few hundred KB at most). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export type HelperMethod = 'hello' | 'open' | 'stamp' | 'status' | 'bye';

export interface HelperRequest {
  id: number;
  method: HelperMethod;
  params?: Record<string, unknown>;
}

export type HelperErrorKind = 'pac' | 'sat' | 'validation' | 'helper';

export interface HelperError {
  kind: HelperErrorKind;
  code: string | null;
  message: string;
}

export type HelperResponse =
  { id: number; ok: true; result: Record<string, unknown> } | { id: number; ok: false; error: HelperError };

export interface HelloResult {
  protocol: number;
  helperVersion: string;
  comercialVersion: string | null;
}

export interface StampResult {
  uuid: string;
  xml: string | null;
  xmlPath: string | null;
  pdfPath: string | null;
  alreadyStamped: boolean;
}

export interface StatusResult {
  stamped: boolean;
  uuid: string | null;
  xmlPath: string | null;
}

/** A message that breaks the protocol: the helper cannot be trusted any more. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

const KINDS: readonly HelperErrorKind[] = ['pac', 'sat', 'validation', 'helper'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(record: Record<string, unknown>, key: string, what: string): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ProtocolError(`${what}: «${key}» no es texto.`);
  return value;
}

function requiredString(record: Record<string, unknown>, key: string, what: string): string {
  const value = optionalString(record, key, what);
  if (value === null || value.trim() === '') throw new ProtocolError(`${what}: falta «${key}».`);
  return value;
}

/** Parses one stdout line. Throws ProtocolError when it is not a response object. */
export function parseResponse(line: string): HelperResponse {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProtocolError(`el ayudante escribió en su salida algo que no es JSON: «${line.slice(0, 200)}»`);
  }
  if (!isRecord(value) || typeof value.id !== 'number' || typeof value.ok !== 'boolean') {
    throw new ProtocolError(`el ayudante respondió un objeto sin «id» u «ok»: «${line.slice(0, 200)}»`);
  }
  if (value.ok) {
    const result = value.result ?? {};
    if (!isRecord(result)) throw new ProtocolError('el ayudante respondió un «result» que no es un objeto.');
    return { id: value.id, ok: true, result };
  }
  const error = value.error;
  if (!isRecord(error)) throw new ProtocolError('el ayudante respondió un error sin «error».');
  const kind = error.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    throw new ProtocolError(`el ayudante respondió un error de tipo desconocido: «${String(kind)}».`);
  }
  const message = optionalString(error, 'message', 'error del ayudante') ?? '';
  const code = optionalString(error, 'code', 'error del ayudante');
  return {
    id: value.id,
    ok: false,
    error: { kind: kind as HelperErrorKind, code: code?.trim() ? code.trim() : null, message: message.trim() },
  };
}

export function parseHelloResult(result: Record<string, unknown>): HelloResult {
  const protocol = result.protocol;
  if (typeof protocol !== 'number' || !Number.isInteger(protocol)) {
    throw new ProtocolError('respuesta a «hello» sin versión de protocolo.');
  }
  return {
    protocol,
    helperVersion: optionalString(result, 'helperVersion', 'respuesta a «hello»') ?? '?',
    comercialVersion: optionalString(result, 'comercialVersion', 'respuesta a «hello»'),
  };
}

export function parseStampResult(result: Record<string, unknown>): StampResult {
  const what = 'respuesta a «stamp»';
  const xml = optionalString(result, 'xml', what);
  const xmlPath = optionalString(result, 'xmlPath', what);
  if ((xml === null) === (xmlPath === null)) {
    throw new ProtocolError(`${what}: debe traer exactamente uno de «xml» o «xmlPath».`);
  }
  const already = result.alreadyStamped;
  if (already !== undefined && typeof already !== 'boolean') {
    throw new ProtocolError(`${what}: «alreadyStamped» no es verdadero/falso.`);
  }
  return {
    uuid: requiredString(result, 'uuid', what),
    xml,
    xmlPath,
    pdfPath: optionalString(result, 'pdfPath', what),
    alreadyStamped: already === true,
  };
}

export function parseStatusResult(result: Record<string, unknown>): StatusResult {
  const what = 'respuesta a «status»';
  if (typeof result.stamped !== 'boolean') throw new ProtocolError(`${what}: falta «stamped».`);
  return {
    stamped: result.stamped,
    uuid: optionalString(result, 'uuid', what),
    xmlPath: optionalString(result, 'xmlPath', what),
  };
}

/**
 * Splits a byte stream into UTF-8 lines (LF or CRLF). A multi-byte character split across chunks stays whole
 * because whole lines are decoded at once.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private first = true;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      const whole = this.pending.length ? Buffer.concat([...this.pending, piece]) : piece;
      this.pending = [];
      this.pendingBytes = 0;
      start = nl + 1;
      if (whole.length > this.maxLineBytes) throw new ProtocolError('el ayudante escribió una línea demasiado larga.');
      let line = whole.toString('utf8');
      if (this.first) {
        line = line.replace(/^\uFEFF/, '');
        this.first = false;
      }
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() !== '') this.onLine(line);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxLineBytes)
        throw new ProtocolError('el ayudante escribió una línea demasiado larga.');
      this.pending.push(Buffer.from(rest));
    }
  }

  /** Bytes received after the last line end. */
  get partial(): number {
    return this.pendingBytes;
  }
}
