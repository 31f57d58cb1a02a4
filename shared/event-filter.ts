import { z } from 'zod';

/** Filters of the Visor de eventos and of the Historial. `from`/`to` are ISO instants. */
export const eventFilterSchema = z
  .object({
    from: z.string().datetime(),
    to: z.string().datetime(),
    connectionId: z.number().int().positive().optional(),
    companyId: z.string().max(64).optional(),
    levels: z
      .array(z.enum(['info', 'warning', 'error']))
      .max(3)
      .optional(),
    category: z.string().max(64).optional(),
    catalog: z.string().max(64).optional(),
    trigger: z.enum(['manual', 'automatic']).optional(),
    text: z.string().max(200).optional(),
  })
  .strict();
export type EventFilter = z.infer<typeof eventFilterSchema>;
