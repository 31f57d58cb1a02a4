import { ok, warn, type DiagnosticCheck } from '../../../../shared/erp-diagnostics';
import type { FirebirdQueryable } from '../firebird-client';

/**
 * How this attachment authenticated and whether its traffic is encrypted, as the server itself reports it
 * (MON$AUTH_METHOD and the WIRE_ENCRYPTED context variable, Firebird 3+). Null when the server cannot say.
 */
export async function transportCheck(db: FirebirdQueryable): Promise<DiagnosticCheck | null> {
  let row: { A?: unknown; E?: unknown } | undefined;
  try {
    [row] = await db.query<{ A: unknown; E: unknown }>(
      `SELECT (SELECT MON$AUTH_METHOD FROM MON$ATTACHMENTS WHERE MON$ATTACHMENT_ID = CURRENT_CONNECTION) AS A,
              RDB$GET_CONTEXT('SYSTEM', 'WIRE_ENCRYPTED') AS E
         FROM RDB$DATABASE`,
    );
  } catch {
    return null;
  }
  const method = String(row?.A ?? '').trim() || 'desconocida';
  const encrypted =
    String(row?.E ?? '')
      .trim()
      .toUpperCase() === 'TRUE';
  const subject = 'Autenticación y cifrado';
  if (method === 'Legacy_Auth')
    return warn(
      subject,
      `Se entró con la autenticación antigua (Legacy_Auth), permitida en esta conexión${encrypted ? '' : ', y la conexión no va cifrada'}: cambie el servidor a Srp en cuanto pueda.`,
    );
  if (!encrypted)
    return warn(
      subject,
      `Se entró con ${method}, pero la conexión no va cifrada: en el servidor, ponga "WireCrypt = Enabled" en firebird.conf.`,
    );
  return ok(subject, `Se entró con ${method} y la conexión va cifrada.`);
}
