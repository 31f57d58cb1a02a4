/** 3xx answers: never followed by the client (fetch runs with `redirect: 'manual'`). */
export const isRedirect = (status: number): boolean => status >= 300 && status < 400;

/** The target without userinfo, query or fragment: enough for support, nothing secret. */
function safeTarget(res: Response): string {
  const location = res.headers.get('location');
  if (!location) return 'sin dirección';
  try {
    const u = new URL(location, res.url || undefined);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'una dirección no válida';
  }
}

export function redirectMessage(res: Response): string {
  return `La tienda Wopen respondió con una redirección (HTTP ${res.status}) hacia ${safeTarget(res)}; no se siguió para no enviar las credenciales a otra dirección. Revise la URL de la tienda.`;
}
