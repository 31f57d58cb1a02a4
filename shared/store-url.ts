/**
 * Store URL rules shared by the dialog and the main process.
 * CONTPAQi: "la URL de CONTPAQi Wopen podrás utilizarla únicamente para una sola empresa", so two
 * companies must never point at the same store, however the URL is typed.
 */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/** Parses and checks a store URL: https, or http only for this machine (sandbox and tests). */
export function checkStoreUrl(raw: string): UrlCheck {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: 'La URL de Wopen no es válida. Escríbala completa, por ejemplo https://mitienda.wopen.com.mx',
    };
  }
  if (!url.hostname.replace(/\.+$/, '')) return { ok: false, message: 'La URL de Wopen no tiene nombre de servidor.' };
  if (url.username || url.password) {
    return { ok: false, message: 'La URL de Wopen no debe incluir usuario ni contraseña; captúrelos en sus campos.' };
  }
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname.toLowerCase())) return { ok: true, url };
  if (url.protocol === 'http:') {
    return { ok: false, message: 'La URL de Wopen debe usar https:// (http:// solo se permite para localhost).' };
  }
  return { ok: false, message: 'La URL de Wopen debe comenzar con https://' };
}

/**
 * Comparison key: scheme and host in lower case, no "www.", no default port, no query or fragment,
 * no trailing slash. Two URLs with the same key are the same store.
 */
export function normalizeStoreUrl(raw: string): string | null {
  const check = checkStoreUrl(raw);
  if (!check.ok) return null;
  const { url } = check;
  const host = hostOf(url).replace(/^www\./, '');
  const port = url.port ? `:${url.port}` : '';
  let path: string;
  try {
    path = decodeURI(url.pathname);
  } catch {
    path = url.pathname; // malformed %-encoding: compare it as typed rather than fail
  }
  return `${url.protocol}//${host}${port}${path.replace(/\/+$/, '').toLowerCase()}`;
}

/** Lower case (URL already did, and turned IDN into punycode), without the trailing dot of a FQDN. */
const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/\.+$/, '');

/**
 * The store's origin as the engine scopes its memory by it: scheme, host (no trailing dot), port only when
 * not the default. Null for a URL the dialog would refuse.
 */
export function storeOrigin(raw: string): string | null {
  const check = checkStoreUrl(raw);
  if (!check.ok) return null;
  const { url } = check;
  return `${url.protocol}//${hostOf(url).includes(':') ? url.hostname : hostOf(url)}${url.port ? `:${url.port}` : ''}`;
}

/**
 * A URL as it may be written to the event log: scheme, host, port and path only — never userinfo, query or
 * fragment, even when the URL was refused for carrying credentials. Text that is not a URL keeps no "user:pass@".
 */
export function urlForLog(raw: string): string {
  const text = raw.trim();
  try {
    const u = new URL(text);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^\s]*@/i, '$1').slice(0, 200);
  }
}
