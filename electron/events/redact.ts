/**
 * Removes secrets from anything about to be written to an event or a log line. Keys that look like a
 * secret lose their value; connection strings lose their password part.
 */
const SECRET_KEY = /pass(word)?|contrase(ñ|n)a|secret|token|cipher|authorization|api[-_]?key/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[oculto]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

export function redactText(text: string): string {
  return (
    text
      .replace(/((?:password|pwd|contraseña)\s*[=:]\s*)("[^"]*"|'[^']*'|[^;&\n]+)/gi, '$1[oculto]')
      // Userinfo of a URL up to its last "@" in the same word: an empty user, "@" or "/" in the password too.
      .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^\s@]*:)?[^\s]*@/gi, (_m, scheme: string, user?: string) =>
        user ? `${scheme}${user.split(':')[0]}:[oculto]@` : `${scheme}[oculto]@`,
      )
      .replace(/(authorization:\s*\w+\s+)\S+/gi, '$1[oculto]')
      .replace(/\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[oculto]')
  );
}
