import { ErpError } from '../port';
import { LegacyAuthRefusedError } from './firebird-auth-plugin';
import { FirebirdTimeoutError } from './firebird-client';

/**
 * Turns whatever node-firebird or the socket threw into an ErpError: one Spanish sentence saying what
 * happened plus what to check. Recognised by Firebird status codes (gdscode) and Node socket codes;
 * message text is only a fallback because it changes between server versions.
 */

export interface FailureContext {
  host: string;
  port: number;
  user: string;
  /** Database file that was being opened (as sent to the server). */
  databasePath: string;
  /** Which database: the company catalog or one company. Changes the hints. */
  databaseRole: 'config' | 'company';
  /** Removed from every text we produce, whatever the driver put in its messages. */
  password: string;
}

const GDS = {
  login: 335544472,
  ioError: 335544344,
  badDbFormat: 335544323,
  wireCrypt: 335545064,
  noPermission: 335544352,
  tableUnknown: 335544580,
  unavailable: 335544375,
  shutdown: 335544528,
  connectionLost: 335544726,
} as const;

const MICROSIP_USER_HINT = 'Use el mismo usuario de Firebird con el que entra Microsip (normalmente SYSDBA).';

export function describeFirebirdFailure(err: unknown, ctx: FailureContext): ErpError {
  if (err instanceof ErpError) return scrubError(err, ctx.password);
  const info = errorInfo(err);
  const server = `${ctx.host}:${ctx.port}`;
  const dbLabel = ctx.databaseRole === 'config' ? 'CONFIG.FDB' : 'la base de datos de la empresa';
  let message: string;
  let hints: string[];

  if (err instanceof FirebirdTimeoutError) {
    message =
      err.step === 'attach' || err.step === 'create'
        ? `El servidor Firebird ${server} no respondió en ${seconds(err.timeoutMs)} segundos.`
        : `Firebird tardó más de ${seconds(err.timeoutMs)} segundos en responder una consulta.`;
    hints = [
      'Revise que el servidor esté encendido y que el servicio de Firebird esté iniciado.',
      `Revise que un firewall no bloquee el puerto ${ctx.port} entre este equipo y el servidor.`,
      'Si la red es lenta o el servidor está ocupado, intente de nuevo en unos minutos.',
    ];
  } else if (err instanceof LegacyAuthRefusedError) {
    message = `El servidor Firebird ${server} solo acepta la autenticación antigua (Legacy_Auth): la contraseña viajaría sin la protección de Srp y la conexión no se podría cifrar, así que no se envió.`;
    hints = [
      'Lo recomendable: en el servidor, ponga "AuthServer = Srp256, Srp" en firebird.conf, reinicie Firebird y vuelva a asignar la contraseña del usuario (con Srp).',
      'Si el servidor es antiguo (Firebird 2.5 o anterior) y no puede cambiarse, marque «Permitir autenticación antigua (Legacy_Auth)» en la conexión.',
    ];
  } else if (info.code === 'ECONNREFUSED') {
    message = `El servidor ${server} rechazó la conexión: no hay un servicio Firebird escuchando en el puerto ${ctx.port}.`;
    hints = [
      'Revise que el servicio de Firebird esté iniciado en el servidor de Microsip (Servicios de Windows: "Firebird Server").',
      `Revise el puerto: Firebird usa 3050 salvo que se haya cambiado RemoteServicePort en firebird.conf.`,
      `Revise que el firewall del servidor permita conexiones entrantes al puerto ${ctx.port}.`,
    ];
  } else if (info.code === 'ENOTFOUND' || info.code === 'EAI_AGAIN') {
    message = `No se encontró el servidor "${ctx.host}" en la red.`;
    hints = [
      'Revise que el nombre o la IP del servidor estén bien escritos.',
      'Pruebe con la dirección IP del servidor en lugar de su nombre.',
    ];
  } else if (info.code === 'ETIMEDOUT' || info.code === 'EHOSTUNREACH' || info.code === 'ENETUNREACH') {
    message = `No se pudo llegar al servidor ${server}.`;
    hints = [
      'Revise que el servidor esté encendido y conectado a la misma red que este equipo.',
      `Revise que un firewall no bloquee el puerto ${ctx.port}.`,
    ];
  } else if (info.gdscode === GDS.login || /user name and password are not defined/i.test(info.message)) {
    message = `Usuario o contraseña de Firebird incorrectos (usuario ${ctx.user}).`;
    hints = ['Revise el usuario y la contraseña de Firebird.', MICROSIP_USER_HINT];
  } else if (info.gdscode === GDS.wireCrypt || /wire encryption/i.test(info.message)) {
    message = 'El servidor Firebird exige un cifrado de conexión que este programa no puede negociar.';
    hints = [
      'En el servidor, edite firebird.conf y ponga "WireCrypt = Enabled" (no "Required"); luego reinicie el servicio de Firebird.',
    ];
  } else if (/plugin|Srp|Legacy_Auth|Unavailable database/i.test(info.message) || info.gdscode === GDS.unavailable) {
    message = 'El servidor Firebird no acepta el método de autenticación de este programa.';
    hints = [
      'En el servidor, revise firebird.conf: "AuthServer" debe incluir Srp (por ejemplo "AuthServer = Srp256, Srp") y "WireCrypt = Enabled".',
      'Reinicie el servicio de Firebird después de cambiar firebird.conf.',
    ];
  } else if (info.gdscode === GDS.ioError || /I\/O error .*(open|CreateFile)/i.test(info.message)) {
    message =
      ctx.databaseRole === 'config'
        ? `No se encontró CONFIG.FDB en el servidor: se buscó "${ctx.databasePath}".`
        : `No se encontró la base de datos de la empresa en el servidor: se buscó "${ctx.databasePath}".`;
    hints =
      ctx.databaseRole === 'config'
        ? [
            'Revise la Carpeta de datos: es la carpeta de datos de Microsip en el servidor (por ejemplo C:\\Microsip datos\\), que contiene la subcarpeta System.',
            'La ruta es la del servidor de Firebird, no la de este equipo.',
          ]
        : ['Revise que la empresa no se haya renombrado o eliminado en Microsip.', 'Revise la Carpeta de datos.'];
  } else if (info.gdscode === GDS.badDbFormat) {
    message = `El archivo "${ctx.databasePath}" no es una base de datos Firebird válida para este servidor.`;
    hints = ['Revise la Carpeta de datos.', 'Revise que la versión de Firebird del servidor sea la que usa Microsip.'];
  } else if (info.gdscode === GDS.noPermission) {
    message = `El usuario ${ctx.user} no tiene permiso para leer ${dbLabel}.`;
    hints = [MICROSIP_USER_HINT];
  } else if (unknownObject(info.message) && ctx.databaseRole !== 'config') {
    const u = unknownObject(info.message)!;
    message = `La base de datos de la empresa no tiene ${u.kind === 'column' ? 'la columna' : 'la tabla'} ${u.name} (Firebird ${u.kind === 'column' ? '-206' : '-204'}).`;
    hints = ['Puede ser una versión distinta de Microsip; envíe el detalle a soporte.'];
    return scrubError(new ErpError(message, hints, info.message, u.name), ctx.password);
  } else if (info.gdscode === GDS.tableUnknown) {
    message =
      ctx.databaseRole === 'config'
        ? `"${ctx.databasePath}" no tiene la tabla EMPRESAS: no parece un CONFIG.FDB de Microsip.`
        : 'La base de datos de la empresa no tiene la estructura esperada de Microsip.';
    hints = ['Revise la Carpeta de datos.'];
  } else if (info.gdscode === GDS.shutdown || info.gdscode === GDS.connectionLost || info.code === 'ECONNRESET') {
    message = `Se perdió la conexión con el servidor Firebird ${server}.`;
    hints = ['Revise que la base de datos no esté en mantenimiento (respaldo o "shutdown").', 'Intente de nuevo.'];
  } else {
    // Not an opening problem (those are all above): the database answered with an error of its own.
    message = `Error de Firebird en ${dbLabel}: ${firstLine(info.message)}`;
    hints = ['Revise el servidor, el puerto, la Carpeta de datos, el usuario y la contraseña.'];
  }
  return scrubError(new ErpError(message, hints, info.message), ctx.password);
}

interface ErrorInfo {
  message: string;
  code?: string;
  gdscode?: number;
}

function errorInfo(err: unknown): ErrorInfo {
  let e: unknown = err;
  const info: ErrorInfo = { message: err instanceof Error ? err.message : String(err) };
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const rec = e as { code?: unknown; gdscode?: unknown; message?: unknown; error?: unknown; cause?: unknown };
    if (info.code === undefined && typeof rec.code === 'string') info.code = rec.code;
    if (info.gdscode === undefined && typeof rec.gdscode === 'number') info.gdscode = rec.gdscode;
    if (i === 0 && typeof rec.message === 'string') info.message = rec.message;
    e = rec.error ?? rec.cause;
  }
  return info;
}

/** Short passwords would mangle ordinary words, so only 3+ characters are scrubbed. */
function scrubError(err: ErpError, password: string): ErpError {
  if (password.length < 3) return err;
  const scrub = (t: string) => t.split(password).join('[oculto]');
  const needs = [err.message, err.causeText ?? '', ...err.hints].some((t) => t.includes(password));
  return needs ? new ErpError(scrub(err.message), err.hints.map(scrub), err.causeText && scrub(err.causeText)) : err;
}

function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000));
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text;
}

/** "Column unknown, X" (-206) or "Table unknown, X" (-204) in a Firebird message, with the object's name. */
export function unknownObject(message: string): { kind: 'column' | 'table'; name: string } | null {
  const m = /(Column|Table) unknown[,:\s-]*([A-Za-z0-9_$."]+)/i.exec(message);
  if (!m) return null;
  return { kind: m[1]!.toLowerCase() === 'column' ? 'column' : 'table', name: m[2]!.replaceAll('"', '') };
}
