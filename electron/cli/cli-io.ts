/** Where the CLI writes and reads, injected so tests can run it in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** `run` stops when this resolves; SIGINT/SIGTERM by default. */
  waitForStop?: () => Promise<void>;
}

/**
 * Exit codes: 0 done, 1 failure (ERP down, unexpected), 2 invalid input (nothing saved), 3 another process
 * Runs the engine on this settings database.
 */
/** `review`: the run held deactivations for a person (*Requiere revisión*); scripts can tell it from a failure. */
export const EXIT = { ok: 0, failure: 1, invalid: 2, busy: 3, review: 4 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalid,
  ) {
    super(message);
  }
}

export function parseOnOff(value: string, option: string): boolean {
  const v = value.trim().toLowerCase();
  if (['on', 'si', 'sí', 'true', '1'].includes(v)) return true;
  if (['off', 'no', 'false', '0'].includes(v)) return false;
  throw new CliError(`El valor de ${option} debe ser on u off (se recibió «${value}»).`);
}

export function parseId(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new CliError(`${option} debe ser un número de conexión (se recibió «${value}»).`);
  return Number(value);
}

/** Passwords never travel on the command line (visible in process lists): they come from a variable. */
export function passwordFromEnv(io: CliIo, variable: string | undefined): string | undefined {
  if (variable === undefined) return undefined;
  const value = io.env[variable];
  if (value === undefined || value === '') {
    throw new CliError(
      `La variable de entorno ${variable} (indicada en --password-env) no está definida o está vacía.`,
    );
  }
  return value;
}
