/**
 * Marks an answer that a run's start or end must not reload: it is re-read by its own rules (the pushed sync
 * status, a Visor listing fixed until *Actualizar*, a diagnosis the user starts).
 */
export const OWN_REFRESH = { meta: { ownRefresh: true } } as const;

export const hasOwnRefresh = (q: { meta?: Record<string, unknown> | undefined }): boolean =>
  q.meta?.['ownRefresh'] === true;
