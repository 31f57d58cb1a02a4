import type { config as MssqlConfig } from 'mssql';
import type { ContpaqiConfig } from '../../../shared/erp-connection';
import { ErpError } from '../port';
import { parseServerAddress } from './server-address';

export interface MssqlTimeouts {
  connectMs: number;
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: MssqlTimeouts = { connectMs: 15_000, requestMs: 30_000 };

/** `DOMINIO\usuario` (as the brief asks) or `usuario@dominio`; NTLM needs the domain apart. */
export function parseWindowsAccount(user: string): { domain: string; userName: string } {
  const text = user.trim();
  const slash = text.indexOf('\\');
  if (slash > 0 && slash < text.length - 1) return { domain: text.slice(0, slash), userName: text.slice(slash + 1) };
  const at = text.lastIndexOf('@');
  if (at > 0 && at < text.length - 1) return { domain: text.slice(at + 1), userName: text.slice(0, at) };
  throw new ErpError(`El usuario de Windows «${text}» debe incluir el dominio.`, [
    'Escriba el usuario como DOMINIO\\usuario (o EQUIPO\\usuario si el equipo no está en un dominio).',
  ]);
}

/** Builds the mssql pool configuration. The password only goes into the driver config, never into text. */
export function buildMssqlConfig(
  config: ContpaqiConfig,
  password: string,
  timeouts: MssqlTimeouts = DEFAULT_TIMEOUTS,
  database: string = config.database,
): MssqlConfig {
  const address = parseServerAddress(config.server);
  const base: MssqlConfig = {
    server: address.host,
    database,
    connectionTimeout: timeouts.connectMs,
    requestTimeout: timeouts.requestMs,
    // A console that reads a few catalogs: two connections are plenty and are released when idle.
    pool: { min: 0, max: 2, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: config.encrypt,
      trustServerCertificate: config.trustServerCertificate,
      appName: 'Wopen Sync Console',
      enableArithAbort: true,
      ...(address.instanceName ? { instanceName: address.instanceName } : {}),
    },
    ...(address.port !== undefined ? { port: address.port } : {}),
  };
  if (config.authentication === 'windows') {
    const { domain, userName } = parseWindowsAccount(config.user);
    return { ...base, authentication: { type: 'ntlm', options: { domain, userName, password } } };
  }
  return { ...base, user: config.user.trim(), password };
}
