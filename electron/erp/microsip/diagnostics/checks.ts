import type { DiagnosticCheck } from '../../../../shared/erp-diagnostics';

export const ok = (subject: string, message: string): DiagnosticCheck => ({ status: 'correcto', subject, message });
export const missing = (subject: string, message: string): DiagnosticCheck => ({ status: 'falta', subject, message });
export const warn = (subject: string, message: string): DiagnosticCheck => ({ status: 'advertencia', subject, message });
