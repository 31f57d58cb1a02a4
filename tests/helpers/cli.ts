import { runCli, type CliOverrides } from '../../electron/cli/run-cli';

/** Runs `wopen-sync` in-process and captures what it prints. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv = {}, overrides: CliOverrides = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t), env }, overrides);
  return { code, stdout, stderr };
}
