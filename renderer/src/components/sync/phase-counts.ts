import type { PhaseCountView } from '../../../../shared/run-view';
import { formatCount } from '../../format';

/** "2 creadas, 1 timbradas, 0 sin timbrar": a phase's counts in the words and order the phase gave them. */
export const phaseCountsText = (counts: readonly PhaseCountView[]): string =>
  counts.map((c) => `${formatCount(c.value)} ${c.label}`).join(', ');
