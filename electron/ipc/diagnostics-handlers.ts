import type { DiagnosticsMethod } from '../../shared/ipc/diagnostics-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

export function diagnosticsHandlers({
  service,
  role,
}: Pick<HandlerDeps, 'service' | 'role'>): HandlersOf<DiagnosticsMethod> {
  return {
    getAppInfo: () => ({ ...service.appInfo(), engine: role.info() }),
    diagnoseErp: (r) => service.diagnoseErp(r.connectionId, r.companyId ?? null),
  };
}
