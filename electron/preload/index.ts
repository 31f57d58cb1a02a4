import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, channelOf } from '../../shared/ipc-channels';
import type { Api } from '../../shared/ipc-contract';

/**
 * Exposes exactly one function per contract method as `window.api` — never ipcRenderer itself. Runs
 * sandboxed: only `electron` and this bundle are available.
 */
type Envelope = { ok: true; value: unknown } | { ok: false; error: string };

const api = Object.fromEntries(
  API_METHODS.map((method) => [
    method,
    async (request?: unknown) => {
      const envelope = (await ipcRenderer.invoke(channelOf(method), request)) as Envelope;
      if (!envelope.ok) throw new Error(envelope.error);
      return envelope.value;
    },
  ]),
) as Api;

contextBridge.exposeInMainWorld('api', api);
