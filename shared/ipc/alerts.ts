import { z } from 'zod';
import { alertSettingsInputSchema, type AlertSettingsView } from '../alert-settings';
import type { TestResult } from '../test-result';
import type { AlertsMethod } from './alerts-methods';

/** Alerts: desktop notification and e-mail to the emergency contact. */
export const alertsRequests = {
  getAlertSettings: { request: z.undefined() },
  saveAlertSettings: { request: alertSettingsInputSchema },
  sendTestAlert: { request: z.undefined() },
} satisfies Record<AlertsMethod, { request: z.ZodType }>;

export interface AlertsResponses {
  getAlertSettings: AlertSettingsView;
  saveAlertSettings: { ok: true } | { ok: false; message: string };
  sendTestAlert: TestResult;
}
