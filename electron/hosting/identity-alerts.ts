import os from 'node:os';
import { describeIdentity, type IdentityBlockView } from '../../shared/company-identity';
import type { IdentityGuardDeps } from '../engine/identity-guard';
import type { AlertMonitor } from '../alerts/alert-monitor';

/** The identity guard's alert: once while the company stays blocked (daily reminder), closed on confirm. */
export function identityAlerts(monitor: () => AlertMonitor): Pick<IdentityGuardDeps, 'onBlocked' | 'onConfirmed'> {
  return {
    onBlocked: (b: IdentityBlockView) =>
      void monitor().raise(b, 'identity', {
        level: 'error',
        subject: `Wopen Sync: ${b.companyName} parece otra empresa; sincronización detenida`,
        text:
          `${b.question}\n\nAntes: ${describeIdentity(b.recorded)}\nAhora: ${describeIdentity(b.seen)}\n` +
          `Motivo: ${b.reasons.join('; ')}.\nEquipo: ${os.hostname()}\n\n` +
          'No se envió ni se importó nada. La sincronización de esta empresa queda detenida hasta que alguien confirme ' +
          'en Wopen Sync Console («Sí, es la misma») o con ' +
          `«wopen-sync identity confirm --connection ${b.connectionId} --company ${b.companyId}».`,
      }),
    onConfirmed: (s) => monitor().resolve(s, 'identity'),
  };
}
