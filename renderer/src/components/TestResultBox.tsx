import type { TestResult } from '../../../shared/ipc-contract';

/** The outcome of "Probar conexión": one sentence, and what to check when it failed. */
export function TestResultBox({ result }: { result: TestResult | 'running' | undefined }) {
  if (result === undefined) return null;
  if (result === 'running') {
    return (
      <p className="test-result running" role="status">
        Probando conexión…
      </p>
    );
  }
  return (
    <div className={`test-result ${result.ok ? 'ok' : 'failed'}`} role="status">
      <p>{result.message}</p>
      {result.hints.length > 0 && (
        <>
          <p className="hints-title">Revise lo siguiente:</p>
          <ul>
            {result.hints.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
