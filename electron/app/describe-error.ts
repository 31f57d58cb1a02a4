import { ErpError } from '../erp/port';
import { UserFacingError } from '../core/user-facing-error';
import { redactText } from '../events/redact';

/**
 * Turns any thrown value into a Spanish message for the user. Adapter errors already are; anything else
 * is an unexpected fault, shown with its technical text (redacted) so support can act on it.
 */
export function describeError(err: unknown): { message: string; hints: string[] } {
  if (err instanceof ErpError) return { message: err.message, hints: err.hints };
  if (err instanceof UserFacingError) return { message: err.message, hints: [] };
  const text = err instanceof Error ? err.message : String(err);
  return { message: `Error inesperado: ${redactText(text)}`, hints: ['Revise el Visor de eventos para más detalle.'] };
}
