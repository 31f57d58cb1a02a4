/** Host names that only ever reach this machine: plain http is allowed to them (a local relay), nowhere else. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(h) || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Spanish reason the webhook address cannot be used; null when it can. */
export function webhookUrlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return `La dirección del webhook «${raw.slice(0, 120)}» no es una URL válida (ejemplo: https://hooks.empresa.com.mx/wopen).`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'La dirección del webhook debe empezar con https://.';
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
    return 'La dirección del webhook debe usar https://: sin cifrado, el aviso y su firma viajarían a la vista de cualquiera. Solo se acepta http:// hacia este mismo equipo (127.0.0.1 o localhost).';
  if (u.username || u.password)
    return 'La dirección del webhook no debe llevar usuario ni contraseña; use el secreto de firma para autenticar el aviso.';
  return null;
}

/**
 * What events and messages show of the address: scheme, host and port only. A path may carry a token
 * (Telegram's bot URLs do), so it is never written to the event log.
 */
export function webhookOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(dirección no válida)';
  }
}
