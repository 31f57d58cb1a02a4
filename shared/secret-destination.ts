import type { ErpConfig } from './erp-connection';
import { storeOrigin } from './store-url';

/**
 * Where a saved password may be sent. A secret is bound to the destination it was typed for; a changed
 * destination needs the password typed again, so no one at the console (or a compromised page) can point a saved
 * password at another server. docs/secrets.md "A secret follows its destination".
 */
export function storeDestination(url: string | null | undefined): string | null {
  const origin = url ? storeOrigin(url) : null;
  return origin ? `store:${origin}` : null;
}

/** ERP: the kind, the server and the database it opens (Microsip: host, port and data folder). */
export function erpDestination(c: ErpConfig): string {
  if (c.kind === 'microsip') {
    const folder = c.folder.trim().replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();
    return `erp:microsip:${c.host.trim().toLowerCase()}:${c.port}:${folder}`;
  }
  return `erp:contpaqi:${c.server.trim().toLowerCase()}:${c.database.trim().toLowerCase()}`;
}

export const DESTINATION_CHANGED = {
  store: 'Cambió la dirección de la tienda: escriba la contraseña de nuevo.',
  erp: 'Cambió el servidor o la base de datos del ERP: escriba la contraseña de nuevo.',
  smtp: 'Cambió el servidor de correo (SMTP): escriba la contraseña de nuevo.',
  webhook: 'Cambió la dirección del webhook: escriba el secreto de firma de nuevo.',
} as const;

/** SMTP: the host and port the password authenticates to. */
export const smtpDestination = (host: string, port: number): string => `smtp:${host.trim().toLowerCase()}:${port}`;

/** Webhook: the origin the signing secret signs for. */
export function webhookDestination(url: string): string | null {
  try {
    return `webhook:${new URL(url).origin}`;
  } catch {
    return null;
  }
}
