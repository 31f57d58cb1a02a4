/** The answer of every "Probar…" button: the ERP, the store, the alert e-mail. */
export interface TestResult {
  ok: boolean;
  /** One sentence, Spanish, saying what happened. */
  message: string;
  /** What to check when it failed. */
  hints: string[];
  elapsedMs: number;
}
