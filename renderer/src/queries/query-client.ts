import { QueryClient } from '@tanstack/react-query';
import type { Api } from '../../../shared/ipc-contract';

/**
 * The renderer's one cache of what main knows. Answers stay fresh until a sync event invalidates them:
 * main pushes every change that matters, so there is nothing to poll and a window focus changes nothing.
 * Failures are shown as they are; main already retries what is worth retrying.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
  },
});

type Method = { [K in keyof Api]: Api[K] extends (args: never) => Promise<unknown> ? K : never }[keyof Api];
type Args<M extends Method> = Parameters<Api[M]>[0];
type Result<M extends Method> = Awaited<ReturnType<Api[M]>>;

/** Query options for one IPC call, keyed `[method, args]` so equal calls share one answer. */
export function apiQuery<M extends Method>(method: M, args: Args<M>) {
  return {
    queryKey: [method, args] as const,
    queryFn: () => (window.api[method] as (a: Args<M>) => Promise<Result<M>>)(args),
  };
}
