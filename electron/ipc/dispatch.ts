import { z } from 'zod';
import { API_METHODS, channelOf, type ApiMethod } from '../../shared/ipc-channels';
import { contract } from '../../shared/ipc-contract';
import { UserFacingError } from '../core/user-facing-error';
import { ErpError } from '../erp/port';
import type { Handlers } from './handler-types';

/** What crosses IPC: never a thrown Error (Electron mangles its message), always this envelope. */
export type Envelope = { ok: true; value: unknown } | { ok: false; error: string };

/** The part of Electron's ipcMain we use, so tests and the browser harness can provide their own. */
export interface IpcRegistrar {
  handle(
    channel: string,
    listener: (event: { senderUrl: string | null; isMainFrame: boolean }, payload: unknown) => Promise<Envelope>,
  ): void;
}

export interface DispatchOptions {
  isTrustedSender: (url: string) => boolean;
  /** Called with unexpected (non user-facing) failures, e.g. to write an event. */
  onUnexpected?: (method: ApiMethod, err: unknown) => void;
}

/**
 * Validates one call: the sender must be our own page (main frame), the payload must match the contract.
 * Only then does the handler run.
 */
export async function dispatch(
  handlers: Handlers,
  method: ApiMethod,
  sender: { senderUrl: string | null; isMainFrame: boolean },
  payload: unknown,
  opts: DispatchOptions,
): Promise<Envelope> {
  if (!sender.isMainFrame || !sender.senderUrl || !opts.isTrustedSender(sender.senderUrl)) {
    return { ok: false, error: 'Solicitud rechazada: no proviene de la ventana de la consola.' };
  }
  const parsed = contract[method].request.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, error: `Datos no válidos para ${method}: ${z.prettifyError(parsed.error)}` };
  }
  try {
    const handler = handlers[method] as (r: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof UserFacingError || err instanceof ErpError) return { ok: false, error: err.message };
    opts.onUnexpected?.(method, err);
    return { ok: false, error: 'Ocurrió un error inesperado; se registró en el Visor de eventos.' };
  }
}

/** Registers every contract method on one channel each. */
export function registerHandlers(ipc: IpcRegistrar, handlers: Handlers, opts: DispatchOptions): void {
  for (const method of API_METHODS) {
    ipc.handle(channelOf(method), (sender, payload) => dispatch(handlers, method, sender, payload, opts));
  }
}
