import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { FakeErp } from '../helpers/fake-erp';
import { tempDir } from '../helpers/temp-dir';

async function setup() {
  const erp = new FakeErp();
  const db = path.join(tempDir(), 'w.sqlite');
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
    cli(['--db', db, ...argv], env, { erpFactory: erp.factory });
  const add = await run(
    [
      'erp',
      'add',
      '--kind',
      'microsip',
      '--host',
      '127.0.0.1',
      '--folder',
      'C:\\Microsip datos\\',
      '--password-env',
      'P',
    ],
    { P: 'masterkey' },
  );
  expect(add.code).toBe(0);
  return { run };
}

describe('wopen-sync config: sellable stock and the watchdog', () => {
  it('config set takes --negative-stock-as-zero and --safety-stock, validated like Aceptar', async () => {
    const t = await setup();
    const show = async () =>
      JSON.parse((await t.run(['config', 'show', '--connection', '1', '--company', '2', '--json'])).stdout) as {
        negativeStockAsZero: boolean;
        safetyStock: number;
        period: number;
      };
    expect(await show()).toMatchObject({ negativeStockAsZero: true, safetyStock: 0 });
    const set = (...args: string[]) => t.run(['config', 'set', '--connection', '1', '--company', '2', ...args]);
    expect(await set('--negative-stock-as-zero', 'off', '--safety-stock', '12')).toMatchObject({ code: 0 });
    expect(await show()).toMatchObject({ negativeStockAsZero: false, safetyStock: 12 });

    const bad = await set('--safety-stock', '2.5', '--period', '60');
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'La Existencia de seguridad (unidades) debe ser un número entero entre 0 y 1,000,000.',
      ),
    });
    expect(await show()).toMatchObject({ safetyStock: 12, period: 30 }); // nothing saved
    expect((await set('--negative-stock-as-zero', 'tal vez')).code).toBe(2);
    // Other options leave the stock settings as saved.
    expect(await set('--period', '45')).toMatchObject({ code: 0 });
    expect(await show()).toMatchObject({ negativeStockAsZero: false, safetyStock: 12, period: 45 });
  });

  it('config watchdog shows 15 min. by default, saves 1..1440 and refuses anything else', async () => {
    const t = await setup();
    expect(await t.run(['config', 'watchdog'])).toMatchObject({
      code: 0,
      stdout: 'Una sincronización sin avance se detiene después de 15 min.\n',
    });
    expect(await t.run(['config', 'watchdog', '--minutes', '30'])).toMatchObject({
      code: 0,
      stdout: 'Guardado. Una sincronización sin avance se detiene después de 30 min.\n',
    });
    for (const bad of ['0', '4', '1441', '2.5', 'quince']) {
      const r = await t.run(['config', 'watchdog', '--minutes', bad]);
      expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('debe ser un número entero entre 5 y 1440') });
    }
    expect(JSON.parse((await t.run(['config', 'watchdog', '--json'])).stdout)).toEqual({ stallMinutes: 30 });
  });
});
