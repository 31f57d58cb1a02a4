export const ALERTS_METHODS = ['getAlertSettings', 'saveAlertSettings', 'sendTestAlert'] as const;
export type AlertsMethod = (typeof ALERTS_METHODS)[number];
