import { runCli } from './run-cli';

void runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
