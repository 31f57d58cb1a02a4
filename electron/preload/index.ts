import { contextBridge, ipcRenderer } from 'electron';
import { API_EVENTS, API_METHODS, channelOf, eventChannelOf, listenerNameOf } from '../../shared/ipc-channels';
import type { Api } from '../../shared/ipc-contract';

/**
 * Exposes exactly one function per contract method as `window.api` — never ipcRenderer itself. Runs
 * sandboxed: only `electron` and this bundle are available.
 */
type Envelope = { ok: true; value: unknown } | { ok: false; error: string };

const methods = API_METHODS.map((method) => [
  method,
  async (request?: unknown) => {
    const envelope = (await ipcRenderer.invoke(channelOf(method), request)) as Envelope;
    if (!envelope.ok) throw new Error(envelope.error);
    return envelope.value;
  },
]);

// One subscribe function per event; the page never sees the IPC event object.
const listeners = API_EVENTS.map((event) => [
  listenerNameOf(event),
  (listener: (payload: unknown) => void) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannelOf(event), wrapped);
    return () => {
      ipcRenderer.removeListener(eventChannelOf(event), wrapped);
    };
  },
]);

const api = Object.fromEntries([...methods, ...listeners]) as Api;

contextBridge.exposeInMainWorld('api', api);
