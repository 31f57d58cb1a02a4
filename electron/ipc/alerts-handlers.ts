import type { AlertsMethod } from '../../shared/ipc/alerts-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

/** Desktop notification and e-mail to the emergency contact. */
export function alertsHandlers({ alerts }: Pick<HandlerDeps, 'alerts'>): HandlersOf<AlertsMethod> {
  return {
    getAlertSettings: () => alerts.service.getSettings(),
    saveAlertSettings: (r) => alerts.service.saveSettings(r),
    sendTestAlert: () => alerts.service.sendTest(),
  };
}
