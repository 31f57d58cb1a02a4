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
    return { ok: false, message: 'La URL de Wopen no es válida. Escríbala completa, por ejemplo https://mitienda.wopen.mx' };
  }
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
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port ? `:${url.port}` : '';
  const path = decodeURI(url.pathname).replace(/\/+$/, '').toLowerCase();
  return `${url.protocol}//${host}${port}${path}`;
}
