import { runCli, type CliOverrides } from '../../electron/cli/run-cli';

/** Runs `wopen-sync` in-process and captures what it prints. */
export async function cli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  overrides: CliOverrides = {},
  waitForStop?: () => Promise<void>,
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { out: (t) => (stdout += t), err: (t) => (stderr += t), env, waitForStop },
    overrides,
  );
  return { code, stdout, stderr };
}
