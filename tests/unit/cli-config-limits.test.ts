import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { FakeErp } from '../helpers/fake-erp';
import { tempDir } from '../helpers/temp-dir';

describe('wopen-sync config limits', () => {
  it('shows the defaults, sets both or neither with the same checks as Opciones', async () => {
    const erp = new FakeErp();
    const db = path.join(tempDir(), 'w.sqlite');
    const run = (argv: string[]) => cli(['--db', db, 'config', 'limits', ...argv], {}, { erpFactory: erp.factory });
    expect(await run([])).toMatchObject({
      code: 0,
      stdout: 'Retener bajas cuando sean más de 50 registros y más del 10 % de la tienda (por catálogo).\n',
    });
    expect(await run(['--json'])).toMatchObject({ code: 0, stdout: '{"maxCount":50,"maxSharePct":10}\n' });

    const bad = await run(['--max-count', '200', '--max-share', '150']);
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('No se guardaron los límites: El porcentaje debe estar entre 0 y 100.'),
    });
    expect(await run(['--max-count', 'muchos'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('El número de registros debe ser un número entero.'),
    });
    // Neither value was written.
    expect((await run(['--json'])).stdout).toBe('{"maxCount":50,"maxSharePct":10}\n');

    expect(await run(['--max-count', '200', '--max-share', '25 %'])).toMatchObject({
      code: 0,
      stdout:
        'Los límites de bajas se guardaron.\nRetener bajas cuando sean más de 200 registros y más del 25 % de la tienda (por catálogo).\n',
    });
    // One flag keeps the other value.
    await run(['--max-share', '5']);
    expect((await run(['--json'])).stdout).toBe('{"maxCount":200,"maxSharePct":5}\n');
  });
});
