/** The store sent more bytes than the contract allows for this answer; the read was stopped. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
  constructor(readonly maxBytes: number) {
    super(`la respuesta pasa de ${formatBytes(maxBytes)}`);
  }
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024
    ? `${(n / (1024 * 1024)).toLocaleString('es-MX')} MiB`
    : `${(n / 1024).toLocaleString('es-MX')} KiB`;
}

/**
 * Reads a response body as UTF-8 text (throwing a TypeError on invalid UTF-8) while counting its bytes, and stops (cancelling the stream) as soon
 * as it passes `maxBytes`: a hostile or broken store cannot make the console buffer hundreds of MB.
 */
export async function readCappedText(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(maxBytes);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  // fatal: bytes that are not UTF-8 are a broken answer, not text to guess at.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
