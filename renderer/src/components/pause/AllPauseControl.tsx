import { PauseControl } from './PauseControl';
import { usePauses } from './use-pauses';

/** Above the companies grid: *Pausar todas* / *Reanudar todas* (before a CONTPAQi update or backup). */
export function AllPauseControl() {
  const all = usePauses().find((p) => p.connectionId === null) ?? null;
  return <PauseControl target="all" pause={all} what={{ pause: 'Pausar todas', resume: 'Reanudar todas' }} />;
}
