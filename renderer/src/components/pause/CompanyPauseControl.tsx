import { PauseControl } from './PauseControl';
import { usePauseOf } from './use-pauses';

/** In the company's Sincronización group: its pause (own or of every company), *Pausar* / *Reanudar*. */
export function CompanyPauseControl({ connectionId, companyId }: { connectionId: number; companyId: string }) {
  const pause = usePauseOf(connectionId, companyId);
  return (
    <PauseControl target={{ connectionId, companyId }} pause={pause} what={{ pause: 'Pausar', resume: 'Reanudar' }} />
  );
}
