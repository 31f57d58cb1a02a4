/**
 * Whether `url` is our own page at `own`. A file: URL has no origin to compare, so the host counts as well as the
 * path (file://server/share/… is a file on another machine, not ours); http(s) pages must share the origin.
 */
export function isOwnPage(own: string, url: string): boolean {
  try {
    const o = new URL(own);
    const u = new URL(url);
    return o.protocol === 'file:'
      ? u.protocol === 'file:' && u.host === o.host && u.pathname === o.pathname
      : u.origin === o.origin;
  } catch {
    return false;
  }
}
