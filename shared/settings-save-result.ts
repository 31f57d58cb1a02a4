import type { FieldError } from './company-settings';

/** A *Pedidos y cotizaciones* value that cannot be saved (saved by the same *Aceptar*). */
export interface OrderFieldError {
  companyId: string;
  field: string;
  message: string;
}

/** Nothing is saved unless every company and every order setting is valid. */
export type SaveResult =
  { ok: true; saved: number } | { ok: false; errors: FieldError[]; orderErrors?: OrderFieldError[] };
