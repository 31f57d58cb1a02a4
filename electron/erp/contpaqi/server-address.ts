import { ErpError } from '../port';

/** Where to connect, as tedious wants it: a port and an instance name are mutually exclusive. */
export interface ServerAddress {
  host: string;
  /** Named instance (resolved through SQL Server Browser, UDP 1434). Absent when a port is given. */
  instanceName?: string;
  /** Explicit TCP port; when neither port nor instance is given tedious uses 1433. */
  port?: number;
}

/**
 * Parses what users copy from SSMS or CONTPAQi: `host`, `host\INSTANCE`, `host,port`, `host\INSTANCE,port`
 * (the port wins, as in SSMS), with optional `tcp:` prefix; `.`, `(local)` and `localhost` mean this machine.
 */
export function parseServerAddress(raw: string): ServerAddress {
  let text = raw.trim();
  if (/^tcp:/i.test(text)) text = text.slice(4).trim();
  if (/^(np|lpc|admin):/i.test(text)) {
    throw invalid(raw, 'Solo se admiten conexiones TCP/IP (no canalizaciones con nombre ni memoria compartida).');
  }

  let port: number | undefined;
  const comma = text.lastIndexOf(',');
  if (comma >= 0) {
    const portText = text.slice(comma + 1).trim();
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw invalid(raw, `El puerto «${portText}» no es válido (debe ser un número entre 1 y 65535).`);
    }
    port = Number(portText);
    text = text.slice(0, comma).trim();
  }

  let instanceName: string | undefined;
  const slash = text.indexOf('\\');
  if (slash >= 0) {
    instanceName = text.slice(slash + 1).trim();
    text = text.slice(0, slash).trim();
    if (!/^[A-Za-z0-9_$#]{1,16}$/.test(instanceName)) {
      throw invalid(raw, `El nombre de instancia «${instanceName}» no es válido.`);
    }
  }

  let host = text;
  if (host === '.' || host.toLowerCase() === '(local)' || host.toLowerCase() === '(localdb)') host = 'localhost';
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1); // [IPv6]
  if (!host || /[\s\\/,;]/.test(host)) throw invalid(raw, 'Falta el nombre o la IP del servidor.');

  if (port !== undefined) return { host, port };
  return instanceName ? { host, instanceName } : { host };
}

function invalid(raw: string, detail: string): ErpError {
  return new ErpError(`El servidor «${raw.trim()}» no tiene un formato válido. ${detail}`, [
    'Escriba el servidor como EQUIPO\\COMPAC (instancia con nombre), EQUIPO,1433 (puerto fijo) o solo EQUIPO.',
    'CONTPAQi instala normalmente la instancia COMPAC: en el equipo servidor suele ser NOMBRE-DEL-EQUIPO\\COMPAC.',
  ]);
}
