import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * The engine runs in Electron's main process, which must never block (the window stops repainting). Long
 * loops call `maybeYield()` per item; once a slice has used `sliceMs`, it waits one event-loop turn so
 * input, IPC and timers get their time.
 */
export function timeSlicer(sliceMs = 8): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}
