/**
 * The one permission our page gets: writing text to the clipboard from a click (*Copiar informe* of the
 * Diagnóstico). Never reading it, and never for another page or frame.
 */
export const GRANTED_PERMISSION = 'clipboard-sanitized-write';

export function isPermissionAllowed(
  permission: string,
  pageUrl: string | null,
  isTrusted: (url: string) => boolean,
): boolean {
  return permission === GRANTED_PERMISSION && pageUrl !== null && isTrusted(pageUrl);
}
