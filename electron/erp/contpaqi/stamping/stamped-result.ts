/**
 * Turns the helper's `stamp` result into the StampedCfdi the port returns. The helper's word is not enough: the
 * XML (inline or from the path it gave) must be a stamped CFDI with the UUID it announced, or nothing is recorded.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { InvalidCfdi, readCfdi } from '../../cfdi/read-cfdi';
import type { StampedCfdi } from '../../stamper';
import { HELPER_NAME } from './helper-channel';
import type { StampResult } from './protocol';

export async function readStampedCfdi(
  result: StampResult,
  documentId: string,
  diagnostic: (line: string) => void,
): Promise<StampedCfdi> {
  const xml = result.xml ?? (await readXmlFile(result.xmlPath!, documentId));
  let uuid: string;
  try {
    uuid = readCfdi(xml).uuid;
  } catch (error) {
    if (!(error instanceof InvalidCfdi)) throw error;
    throw new Error(
      `${HELPER_NAME} informó el documento ${documentId} como timbrado (UUID ${result.uuid}) pero su XML no es un ` +
        `CFDI timbrado: ${error.message}`,
    );
  }
  if (uuid !== result.uuid.trim().toUpperCase()) {
    throw new Error(
      `${HELPER_NAME} informó el UUID ${result.uuid} para el documento ${documentId} pero su XML tiene el UUID ` +
        `${uuid}. No se registra el timbre; se volverá a consultar en la próxima sincronización.`,
    );
  }
  const pdf = result.pdfPath ? await readPdf(result.pdfPath, documentId, diagnostic) : null;
  return { uuid, xml, pdf };
}

async function readXmlFile(xmlPath: string, documentId: string): Promise<string> {
  if (!path.isAbsolute(xmlPath)) {
    throw new Error(`${HELPER_NAME} dio una ruta relativa para el XML del documento ${documentId}: «${xmlPath}».`);
  }
  try {
    return (await fs.readFile(xmlPath)).toString('utf8');
  } catch (error) {
    throw new Error(
      `No se pudo leer el XML timbrado del documento ${documentId} en «${xmlPath}»: ${fileErrorOf(error)}`,
    );
  }
}

/** The PDF is a courtesy: when it cannot be read the CFDI is still returned, with pdf null. */
async function readPdf(
  pdfPath: string,
  documentId: string,
  diagnostic: (line: string) => void,
): Promise<Buffer | null> {
  try {
    if (!path.isAbsolute(pdfPath)) throw new Error('ruta relativa');
    return await fs.readFile(pdfPath);
  } catch (error) {
    diagnostic(
      `No se pudo leer el PDF del documento ${documentId} en «${pdfPath}»: ${fileErrorOf(error)}. Se guarda solo el XML.`,
    );
    return null;
  }
}

/** The errno code (ENOENT, EACCES…) when there is one: shorter and clearer in the log than Node's message. */
function fileErrorOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
