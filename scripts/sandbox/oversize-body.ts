import type http from 'node:http';

/** Written again and again, never changed: 20 MiB of padding costs the sandbox this one buffer. */
const PADDING = Buffer.alloc(64 * 1024, 'x');

/**
 * The JSON around the padding, shaped like the answer of the path it stands for, so that its size is the
 * only thing wrong with it (a page's element is malformed only because of its huge notes).
 */
function envelope(path: string): [string, string] {
  if (path.endsWith('/orders/pending')) return ['{"orders":[{"id":"huge","notes":"', '"}],"nextCursor":null}'];
  if (path.endsWith('/invoice-requests/pending'))
    return ['{"requests":[{"id":"huge","notes":"', '"}],"nextCursor":null}'];
  if (path.endsWith('/ping'))
    return ['{"ok":true,"storeId":"huge","store":{"name":"Tienda Sandbox"},"padding":"', '"}'];
  if (path.endsWith('/auth/token')) return ['{"token":"huge","expiresIn":3600,"padding":"', '"}'];
  if (/\/catalogs\/[^/]+\/batch$/.test(path)) return ['{"accepted":0,"rejected":[],"padding":"', '"}'];
  return ['{"ok":true,"padding":"', '"}'];
}

/**
 * A 200 with at least `bytes` bytes of valid JSON, streamed with backpressure in 64 KiB chunks. A client
 * that refuses a body past its cap hangs up mid-stream: that is expected and simply stops the stream.
 */
export function streamOversize(req: http.IncomingMessage, res: http.ServerResponse, bytes: number): void {
  const [head, tail] = envelope(new URL(req.url ?? '/', 'http://sandbox').pathname).map((s) =>
    Buffer.from(s, 'utf8'),
  ) as [Buffer, Buffer];
  let left = Math.max(0, bytes - head.length - tail.length);
  res.on('error', () => {}); // a hang-up's write errors are the expected end of this fault, not a sandbox failure
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': head.length + left + tail.length,
  });
  res.write(head);
  const pump = (): void => {
    while (left > 0) {
      if (res.destroyed) return;
      const n = Math.min(left, PADDING.length);
      left -= n;
      if (!res.write(n === PADDING.length ? PADDING : PADDING.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}
