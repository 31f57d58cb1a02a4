import { z } from 'zod';
import type { DiagnosticReport } from '../erp-diagnostics';
import type { EngineInfo } from '../engine-info';
import type { DiagnosticsMethod } from './diagnostics-methods';
import { id } from './refs';

/** Acerca de and Diagnóstico (read-only). */
export const diagnosticsRequests = {
  getAppInfo: { request: z.undefined() },
  diagnoseErp: { request: z.object({ connectionId: id, companyId: z.string().min(1).max(64).optional() }).strict() },
} satisfies Record<DiagnosticsMethod, { request: z.ZodType }>;

export interface DiagnosticsResponses {
  getAppInfo: { version: string; databasePath: string; secretScheme: string; engine: EngineInfo };
  /** Read-only: what the adapter relies on in the database, each check correcto / falta / advertencia. */
  diagnoseErp: DiagnosticReport;
}
