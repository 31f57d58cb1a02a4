/**
 * Reads the facts the sync needs from a stamped CFDI (3.3 or 4.0): the fiscal folio (TimbreFiscalDigital UUID)
 * and the header. The XML is parsed with @nodecfdi/cfdi-core (namespace-aware DOM over @xmldom/xmldom, the
 * nodecfdi project's CFDI base library), never by regex: the UUID is the `UUID` attribute of
 * `tfd:TimbreFiscalDigital` inside the Comprobante's own `Complemento`, whatever prefixes the file uses.
 */
import { newDocumentContent, type Element } from '@nodecfdi/cfdi-core';

export const CFDI_NAMESPACES = {
  '3.3': 'http://www.sat.gob.mx/cfd/3',
  '4.0': 'http://www.sat.gob.mx/cfd/4',
} as const;
export const TFD_NAMESPACE = 'http://www.sat.gob.mx/TimbreFiscalDigital';

export type CfdiVersion = keyof typeof CFDI_NAMESPACES;

export interface CfdiSummary {
  /** TimbreFiscalDigital UUID, upper case (the SAT's canonical form). */
  uuid: string;
  version: CfdiVersion;
  serie: string | null;
  folio: string | null;
  /** As written in the CFDI (local time of the issuer, no zone): e.g. '2026-11-20T10:15:30'. */
  fecha: string;
  /** When the PAC certified it (TimbreFiscalDigital FechaTimbrado). */
  fechaTimbrado: string | null;
  total: number;
  /** The Total attribute exactly as written (decimal text; use it when cents matter). */
  totalText: string;
  /** SAT c_Moneda, e.g. MXN. */
  moneda: string;
  emisorRfc: string;
  receptorRfc: string;
}

/** The XML is not a stamped CFDI 3.3/4.0; the message is Spanish and safe to show. */
export class InvalidCfdi extends Error {
  override readonly name = 'InvalidCfdi';
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;
const DECIMAL = /^-?\d+(\.\d+)?$/;

function childElements(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.namespaceURI === namespace && el.localName === localName) found.push(el);
  }
  return found;
}

function optionalAttr(el: Element, name: string): string | null {
  const value = el.getAttribute(name);
  return value === null || value.trim() === '' ? null : value.trim();
}

function requiredAttr(el: Element, name: string, what: string): string {
  const value = optionalAttr(el, name);
  if (value === null) throw new InvalidCfdi(`El CFDI no tiene el atributo ${name} ${what}.`);
  return value;
}

function onlyChild(parent: Element, namespace: string, localName: string, prefix: string): Element {
  const found = childElements(parent, namespace, localName);
  if (found.length === 0) throw new InvalidCfdi(`El CFDI no tiene el nodo ${prefix}:${localName}.`);
  if (found.length > 1) throw new InvalidCfdi(`El CFDI tiene más de un nodo ${prefix}:${localName}.`);
  return found[0]!;
}

/** Parses a stamped CFDI. Throws InvalidCfdi (Spanish message) when it is not one. */
export function readCfdi(xml: string): CfdiSummary {
  const content = xml.replace(/^\uFEFF/, '');
  if (content.trim() === '') throw new InvalidCfdi('El XML del CFDI está vacío.');
  let root: Element | null;
  try {
    root = newDocumentContent(content).documentElement;
  } catch (error) {
    throw new InvalidCfdi(
      `El contenido no es un XML válido: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!root) throw new InvalidCfdi('El contenido no es un XML válido: no tiene elemento raíz.');

  const version = (Object.keys(CFDI_NAMESPACES) as CfdiVersion[]).find(
    (v) => root.namespaceURI === CFDI_NAMESPACES[v] && root.localName === 'Comprobante',
  );
  if (!version) {
    throw new InvalidCfdi(
      `El XML no es un CFDI 3.3 o 4.0: su elemento raíz es «${root.nodeName}»` +
        (root.namespaceURI ? ` (${root.namespaceURI})` : '') +
        ', se esperaba cfdi:Comprobante.',
    );
  }
  const ns = CFDI_NAMESPACES[version];
  const declared = requiredAttr(root, 'Version', 'en cfdi:Comprobante');
  if (declared !== version) {
    throw new InvalidCfdi(
      `El CFDI declara la versión ${declared} pero usa el espacio de nombres de la versión ${version}.`,
    );
  }

  const complementos = childElements(root, ns, 'Complemento');
  const timbres = complementos.flatMap((c) => childElements(c, TFD_NAMESPACE, 'TimbreFiscalDigital'));
  if (timbres.length === 0) {
    throw new InvalidCfdi('El CFDI no está timbrado: no tiene el complemento TimbreFiscalDigital.');
  }
  if (timbres.length > 1) throw new InvalidCfdi('El CFDI tiene más de un TimbreFiscalDigital.');
  const tfd = timbres[0]!;
  const uuid = optionalAttr(tfd, 'UUID');
  if (uuid === null) throw new InvalidCfdi('El TimbreFiscalDigital del CFDI no tiene UUID.');
  if (!UUID.test(uuid)) throw new InvalidCfdi(`El UUID del TimbreFiscalDigital no es válido: «${uuid}».`);

  const totalText = requiredAttr(root, 'Total', 'en cfdi:Comprobante');
  if (!DECIMAL.test(totalText)) throw new InvalidCfdi(`El Total del CFDI no es un importe: «${totalText}».`);

  const emisor = onlyChild(root, ns, 'Emisor', 'cfdi');
  const receptor = onlyChild(root, ns, 'Receptor', 'cfdi');
  return {
    uuid: uuid.toUpperCase(),
    version,
    serie: optionalAttr(root, 'Serie'),
    folio: optionalAttr(root, 'Folio'),
    fecha: requiredAttr(root, 'Fecha', 'en cfdi:Comprobante'),
    fechaTimbrado: optionalAttr(tfd, 'FechaTimbrado'),
    total: Number(totalText),
    totalText,
    moneda: requiredAttr(root, 'Moneda', 'en cfdi:Comprobante'),
    emisorRfc: requiredAttr(emisor, 'Rfc', 'en cfdi:Emisor'),
    receptorRfc: requiredAttr(receptor, 'Rfc', 'en cfdi:Receptor'),
  };
}
