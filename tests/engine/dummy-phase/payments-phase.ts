import type { Phase } from '../../../electron/engine/phases/phase';

/** A third inbound flow, defined only here: it counts one "pago" per run and says so. */
export const paymentsPhase: Phase = {
  id: 'payments',
  label: 'Pagos',
  countLabels: { applied: 'aplicados' },
  eventTag: 'payments',
  enabled: () => true,
  async run(ctx) {
    ctx.event({ level: 'info', message: 'Pago P-1 aplicado.', recordKey: 'P-1' });
    return { state: 'success', message: 'Pagos: 1 aplicados.', counts: { applied: 1 } };
  },
  crashed: (_ctx, reason) => ({
    state: 'failed',
    message: `No se aplicaron los pagos: ${reason}`,
    counts: { applied: 0 },
  }),
};

/** The same flow when the store is down mid-phase: the run's one `.catch` turns it into a failed report. */
export const brokenPaymentsPhase: Phase = {
  ...paymentsPhase,
  run: () => Promise.reject(new Error('la tienda no respondió')),
};
