/** What a route answers; the server turns it into HTTP (or a fault decides otherwise). */
export interface ApiResponse {
  status: number;
  /** Serialized as JSON… */
  body?: unknown;
  /** …unless the JSON text is already at hand (idempotency replays, batch results). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export function responseText(r: ApiResponse): string {
  return r.rawBody ?? JSON.stringify(r.body ?? {});
}
