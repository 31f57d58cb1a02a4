import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';

/** A CFDI 4.0 XML is tens of KB; anything far bigger is not the file we look for. */
const MAX_XML_BYTES = 5 * 1024 * 1024;
/** An unreachable UNC share can hang for tens of seconds: give up on that file instead. */
const READ_TIMEOUT_MS = 5_000;

/** Whether docDocumentCFD.CFDFileXML is a path this machine could read: absolute, local or UNC. */
function usablePath(path: unknown): path is string {
  if (typeof path !== 'string') return false;
  const file = path.trim();
  return file !== '' && (isAbsolute(file) || /^[A-Za-z]:[\\/]|^\\\\/.test(file));
}

/**
 * The stamped XML that docDocumentCFD.CFDFileXML points to (reference §3.8 [C]: a path), when this machine can
 * read it: an absolute path (local or UNC share) to a regular file that looks like a CFDI. Comercial writes it
 * into orgBusinessEntityCFD.CFDDocumentsPath on the machine that stamped; from another PC the path may be local
 * to that server, so null (not an error) when it cannot be read. Relative paths are not resolved [?].
 * Asynchronous with a timeout, so a dead share never stalls the main process.
 */
export async function readCfdiXml(path: unknown): Promise<string | null> {
  if (!usablePath(path)) return null;
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
