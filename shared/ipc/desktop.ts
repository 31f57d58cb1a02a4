import { z } from 'zod';
import type { DesktopSettingsView } from '../desktop-settings';
import type { DesktopMethod } from './desktop-methods';

/** Desktop integration: start at login. */
export const desktopRequests = {
  getDesktopSettings: { request: z.undefined() },
  saveDesktopSettings: { request: z.object({ openAtLogin: z.boolean() }).strict() },
} satisfies Record<DesktopMethod, { request: z.ZodType }>;

export interface DesktopResponses {
  getDesktopSettings: DesktopSettingsView;
  saveDesktopSettings: DesktopSettingsView;
}
