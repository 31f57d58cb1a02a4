import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../../queries/query-client';
import { openModal } from '../../store/modal-store';
import { formatCount } from '../../format';
import { heldTotal } from './held-text';

/** The sync group's flag: a run held deactivations of this company and they wait for a person. */
export function HeldWarning({
  connectionId,
  companyId,
  companyName,
}: {
  connectionId: number;
  companyId: string;
  companyName: string;
}) {
  // Every run that starts or ends drops this answer (invalidateOnRunChange), so it follows the runs.
  const held = useQuery(apiQuery('listHeld', { connectionId, companyId })).data ?? [];
  if (held.length === 0) return null;
  const pending = held.filter((h) => h.approvedAt === null);
  return (
    <div className="banner warning held-warning" role="alert" data-testid="held-warning">
      <p>
        <strong>Hay bajas retenidas: revíselas.</strong>{' '}
        {pending.length > 0
          ? `La última sincronización no desactivó ${formatCount(heldTotal(pending))} registros en la tienda porque eran demasiados; elija Aplicar o Descartar.`
          : 'Las bajas aprobadas se envían en la próxima sincronización.'}
      </p>
      <button type="button" onClick={() => openModal('held', { connectionId, companyId, companyName })}>
        Revisar bajas retenidas…
      </button>
    </div>
  );
}
