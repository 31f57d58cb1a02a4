import { z } from 'zod';

/** The alerts dialog: desktop notifications, the e-mail to the emergency contact, the webhook and the daily digest. */
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
    /** '' = no webhook. https, or http only to this machine (127.0.0.1, ::1, localhost). undefined keeps. */
    webhookUrl: z.string().trim().max(2048).optional(),
    /** The HMAC-SHA256 signing secret: undefined keeps, null or '' removes, a string replaces (encrypted). */
    newWebhookSecret: z.string().max(256).nullable().optional(),
    /** A summary of yesterday's runs by e-mail once a day (undefined keeps). */
    digestEnabled: z.boolean().optional(),
    /** The local hour (0-23) after which the day's digest goes out (undefined keeps). */
    digestHour: z.number().int().min(0).max(23).optional(),
  })
  .strict();
export type AlertSettingsInput = z.infer<typeof alertSettingsInputSchema>;

export interface AlertSettingsView extends Omit<
  AlertSettingsInput,
  'newSmtpPassword' | 'newWebhookSecret' | 'webhookUrl' | 'digestEnabled' | 'digestHour'
> {
  hasSmtpPassword: boolean;
  webhookUrl: string;
  /** Whether a signing secret is saved; the secret itself never leaves the main process. */
  hasWebhookSecret: boolean;
  digestEnabled: boolean;
  digestHour: number;
}
