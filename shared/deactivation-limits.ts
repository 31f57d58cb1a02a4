import { z } from 'zod';

/**
 * The limits above which a run holds a catalog's deactivations for a person: *Opciones* and `config limits`
 * accept a count of records and a whole percentage of what the store holds.
 */
export const deactivationLimitsInputSchema = z
  .object({
    maxCount: z
      .number({ error: 'El número de registros debe ser un número entero.' })
      .int('El número de registros debe ser un número entero.')
      .min(0, 'El número de registros debe ser 0 o mayor.')
      .max(1_000_000, 'El número de registros debe ser como máximo 1,000,000.'),
    maxSharePct: z
      .number({ error: 'El porcentaje debe ser un número entero entre 0 y 100.' })
      .int('El porcentaje debe ser un número entero entre 0 y 100.')
      .min(0, 'El porcentaje debe estar entre 0 y 100.')
      .max(100, 'El porcentaje debe estar entre 0 y 100.'),
  })
  .strict();
export type DeactivationLimitsInput = z.infer<typeof deactivationLimitsInputSchema>;

/** What *Opciones* shows: the saved limits, the share as a whole percentage. */
export type DeactivationLimitsView = DeactivationLimitsInput;
