/**
 * How the helper is started: which command (`WOPEN_STAMPER_HELPER`) and with which environment. Credentials
 * never go here; they travel inside the `open` request (docs/stamping-helper.md).
 */

/** Environment variables the helper gets from the parent: what Windows, COM and .NET need, nothing else. */
const PASSTHROUGH_ENV = [
  'SystemRoot',
  'SystemDrive',
  'windir',
  'ComSpec',
  'PATH',
  'PATHEXT',
  'TEMP',
  'TMP',
  'USERPROFILE',
  'USERNAME',
  'USERDOMAIN',
  'COMPUTERNAME',
  'APPDATA',
  'LOCALAPPDATA',
  'ProgramData',
  'ProgramFiles',
  'ProgramFiles(x86)',
  'ProgramW6432',
  'CommonProgramFiles',
  'CommonProgramFiles(x86)',
  'ALLUSERSPROFILE',
  'PUBLIC',
  'PROCESSOR_ARCHITECTURE',
  'NUMBER_OF_PROCESSORS',
  'OS',
  'HOMEDRIVE',
  'HOMEPATH',
  'HOME',
  'LANG',
] as const;

export function helperEnvironment(
  parent: NodeJS.ProcessEnv,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSTHROUGH_ENV) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * `WOPEN_STAMPER_HELPER`: the path of WopenTimbrado.exe (taken whole, spaces included; one pair of surrounding
 * quotes is dropped), or a JSON array `["command", "arg", ...]`. Unset or blank: null (this machine cannot
 * stamp). A value that starts with `[` but is not an array of strings throws.
 */
export function stamperCommandFromEnv(env: NodeJS.ProcessEnv): { command: string; args: string[] } | null {
  const raw = env.WOPEN_STAMPER_HELPER?.trim();
  if (!raw) return null;
  if (raw.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Error('WOPEN_STAMPER_HELPER empieza con «[» pero no es un arreglo JSON válido.');
    }
    if (
      !Array.isArray(parsed) ||
      parsed.length === 0 ||
      !parsed.every((p): p is string => typeof p === 'string') ||
      parsed[0]!.trim() === ''
    ) {
      throw new Error(
        'WOPEN_STAMPER_HELPER debe ser una ruta o un arreglo JSON de textos: ["comando", "argumento", …].',
      );
    }
    return { command: parsed[0]!, args: parsed.slice(1) };
  }
  const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).trim() : raw;
  return unquoted ? { command: unquoted, args: [] } : null;
}
