/** Turns a network failure from fetch (undici) into a Spanish message and what to check. */
export function describeFetchFailure(err: unknown, timeoutMs: number): { message: string; hints: string[] } {
  const code = errorCode(err);
  if (code === 'TimeoutError' || code === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return {
      message: `La tienda Wopen no respondió en ${Math.round(timeoutMs / 1000)} segundos.`,
      hints: [
        'Revise la conexión a Internet de este equipo.',
        'Revise que un firewall o proxy no bloquee la salida por HTTPS (puerto 443).',
      ],
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      message: 'No se encontró el servidor de la URL de Wopen.',
      hints: ['Revise que la URL esté bien escrita.', 'Revise la conexión a Internet y el DNS de este equipo.'],
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      message: 'El servidor de la URL de Wopen rechazó la conexión.',
      hints: ['Revise que la URL y el puerto sean correctos.'],
    };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return {
      message: 'La conexión con la tienda Wopen se interrumpió.',
      hints: ['Intente de nuevo; si persiste, revise el firewall o proxy.'],
    };
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED/i.test(code)) {
    return {
      message: 'El certificado de seguridad (HTTPS) de la URL de Wopen no es válido.',
      hints: ['Revise que la URL sea la de su tienda.', 'Revise la fecha y hora de este equipo.'],
    };
  }
  return { message: 'No se pudo conectar con la tienda Wopen.', hints: ['Revise la URL y la conexión a Internet.'] };
}

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const rec = e as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof rec.code === 'string') return rec.code;
    if (rec.name === 'TimeoutError' || rec.name === 'AbortError') return rec.name;
    e = rec.cause;
  }
  return undefined;
}
