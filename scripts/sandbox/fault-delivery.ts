import type http from 'node:http';
import { type ApiResponse, responseText } from './api-response';
import type { Fault } from './fault-queue';
import { streamOversize } from './oversize-body';

export type Outcome = number | 'hang' | 'reset';

export function send(res: http.ServerResponse, r: ApiResponse): number {
  const text = responseText(r);
  res.writeHead(r.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...r.headers,
  });
  res.end(text);
  return r.status;
}

/**
 * Answers a request the way the fault says. `real` is the route's response when the fault applies the
 * request first (fault.apply), undefined otherwise.
 */
export function deliverFault(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  fault: Fault,
  real: ApiResponse | undefined,
): Outcome {
  const answer = real ?? { status: 200, body: { ok: true } };
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      return send(res, { status: fault.status ?? 500, body: fault.body ?? { error: 'injected fault' }, headers });
    }
    case 'hang':
      return 'hang'; // the socket stays open until the client gives up or the sandbox closes
    case 'delay':
      setTimeout(() => !res.destroyed && send(res, answer), fault.delayMs).unref();
      return answer.status;
    case 'reset':
      req.socket.destroy();
      return 'reset';
    case 'bad-json': {
      const text = responseText(answer);
      const broken = `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}<html>`;
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(broken),
      });
      res.end(broken);
      return 200;
    }
    case 'slow-body':
      trickle(res, answer, fault.chunkBytes, fault.chunkDelayMs);
      return answer.status;
    case 'oversize':
      streamOversize(req, res, fault.bytes);
      return 200;
  }
}

function trickle(res: http.ServerResponse, r: ApiResponse, chunkBytes: number, delayMs: number): void {
  const bytes = Buffer.from(responseText(r));
  res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
  let offset = 0;
  const next = (): void => {
    if (res.destroyed) return;
    res.write(bytes.subarray(offset, offset + chunkBytes));
    offset += chunkBytes;
    if (offset >= bytes.length) res.end();
    else setTimeout(next, delayMs);
  };
  next();
}
