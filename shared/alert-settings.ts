import { z } from 'zod';

/** The alerts dialog: desktop notifications and the e-mail to the emergency contact. */
export const alertSettingsInputSchema = z
  .object({
    desktopNotifications: z.boolean(),
    emergencyEmail: z.string().trim().max(254),
    smtpHost: z.string().trim().max(255),
    smtpPort: z.number().int().min(1).max(65535),
    /** 'tls' = implicit TLS (465), 'starttls' = upgrade (587), 'none' = plain (local relays only). */
    smtpSecurity: z.enum(['tls', 'starttls', 'none']),
    smtpUser: z.string().trim().max(254),
    /** undefined keeps, null removes, a string replaces (encrypted like every password). */
    newSmtpPassword: z.string().max(256).nullable().optional(),
    fromAddress: z.string().trim().max(254),
  })
  .strict();
export type AlertSettingsInput = z.infer<typeof alertSettingsInputSchema>;

export interface AlertSettingsView extends Omit<AlertSettingsInput, 'newSmtpPassword'> {
  hasSmtpPassword: boolean;
}
