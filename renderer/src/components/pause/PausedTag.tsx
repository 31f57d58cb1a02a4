import { pauseLabel } from '../../../../shared/sync-pause';
import { usePauseOf } from './use-pauses';

/** «En pausa» on a company's row of the grid; the end is in its title. */
export function PausedTag({ connectionId, companyId }: { connectionId: number; companyId: string }) {
  const pause = usePauseOf(connectionId, companyId);
  if (!pause) return null;
  return (
    <span className="tag paused" title={pauseLabel(pause)}>
      En pausa
    </span>
  );
}
