import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';

/** A CFDI 4.0 XML is tens of KB; anything far bigger is not the file we look for. */
const MAX_XML_BYTES = 5 * 1024 * 1024;
/** An unreachable UNC share can hang for tens of seconds: give up on that file instead. */
const READ_TIMEOUT_MS = 5_000;

const isShare = (p: string): boolean => /^(\\\\|\/\/)/.test(p);
/** Separators as /, case folded (Windows paths ignore case), no trailing separator. */
const normalized = (p: string): string => p.trim().replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();

/**
 * Whether docDocumentCFD.CFDFileXML is a path this machine may read: absolute, without `..`, and — for a network
 * share (\\host\share\…) — inside a folder the user configured (*Carpetas de los XML*). A path in a database row
 * must never make this machine authenticate to a host nobody chose (Windows sends its credentials to any UNC host).
 */
export function allowedCfdiPath(path: unknown, folders: readonly string[]): path is string {
  if (typeof path !== 'string') return false;
  const file = path.trim();
  if (file === '' || !(isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file) || isShare(file))) return false;
  if (file.split(/[\\/]/).includes('..')) return false;
  if (!isShare(file)) return true;
  const f = normalized(file);
  return folders.some((folder) => folder.trim() !== '' && f.startsWith(`${normalized(folder)}/`));
}

/**
 * The stamped XML that docDocumentCFD.CFDFileXML points to (reference §3.8 [C]: a path), when this machine can
 * read it: an absolute local path, or a UNC share under a configured folder, to a regular file that looks like a CFDI. Comercial writes it
 * into orgBusinessEntityCFD.CFDDocumentsPath on the machine that stamped; from another PC the path may be local
 * to that server, so null (not an error) when it cannot be read. Relative paths are not resolved [?].
 * Asynchronous with a timeout, so a dead share never stalls the main process.
 */
export async function readCfdiXml(path: unknown, folders: readonly string[] = []): Promise<string | null> {
  if (!allowedCfdiPath(path, folders)) return null;
  const file = path.trim();
  const signal = AbortSignal.timeout(READ_TIMEOUT_MS);
  const timedOut = new Promise<null>((resolve) =>
    signal.addEventListener('abort', () => resolve(null), { once: true }),
  );
  const read = (async (): Promise<string | null> => {
    const info = await stat(file);
    if (!info.isFile() || info.size === 0 || info.size > MAX_XML_BYTES) return null;
    const xml = (await readFile(file, { encoding: 'utf8', signal })).replace(/^\uFEFF/, '');
    return /<(?:\w+:)?Comprobante\b/.test(xml) ? xml : null;
  })().catch(() => null);
  return Promise.race([read, timedOut]);
}
