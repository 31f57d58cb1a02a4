/**
 * Stamping (timbrado) of an ERP invoice by a PAC, behind a port. Wopen cannot stamp; CONTPAQi's
 * *Timbrado de factura automática* has the ERP stamp during the sync. For Start/Pro the real implementation
 * drives Comercial's own engine on Windows through a helper process (docs/stamping-helper.md).
 */

export interface StampedCfdi {
  /** The fiscal folio (TimbreFiscalDigital UUID), read from the XML with a CFDI library. */
  uuid: string;
  xml: string;
  /** The printed representation, when the ERP produced one. */
  pdf: Buffer | null;
}

/** The PAC or the SAT refused the stamp (or the helper could not stamp): the invoice stays unstamped. */
export class StampFailed extends Error {
  override readonly name = 'StampFailed';
  constructor(
    /** The SAT/PAC message, in the words the ERP reported it. */
    message: string,
    /** The SAT/PAC code when there is one (e.g. 'CFDI40145'). */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

export interface Stamper {
  /** Stamps one invoice; throws StampFailed when it was not stamped (other errors: the stamper itself is down). */
  stamp(documentId: string, opts?: { signal?: AbortSignal }): Promise<StampedCfdi>;
  close(): Promise<void>;
}

export interface StamperProvider {
  /** Null when this machine cannot stamp (no helper configured): invoices then stay for the user to stamp. */
  openStamper(companyId: string): Promise<Stamper | null>;
}
