import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanyIdentity } from '../../shared/company-identity';
import type { ErpFactory } from '../../electron/erp/registry';
import { IdentityBlockedError } from '../../electron/engine/identity-guard';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { settingsInput } from '../helpers/settings-input';
import { startConsoleHarness, type ConsoleHarness } from './harness';

/**
 * The identity prompt: the built console in real Chromium against the real handlers and SQLite. A company whose
 * identity changed (another RFC and another file) is stopped by the engine; the console asks «¿es la misma
 * empresa?»: *No, revisar* leaves it stopped, *Sí, es la misma* resumes it. Without Chromium or the build every
 * test FAILS (never skips).
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const erp = new FakeErp();
const [company] = erp.companies as [{ id: string; name: string }];
let identity: CompanyIdentity = {
  rfc: 'GUE010101AB1',
  name: company.name,
  database: 'C:\\Microsip datos\\LA GUERA.FDB',
  databaseKind: 'file',
  stamp: 'creada 2021-03-04 10:11:12.0000',
  sources: ['RFC: REGISTRY.Rfc de la empresa'],
};
const erpFactory: ErpFactory = (config, password) =>
  Object.assign(erp.factory(config, password), { readIdentity: async () => identity });

let h: ConsoleHarness;
let page: Page;
let scope: { connectionId: number; companyId: string };
let setupError: unknown;

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    const store = new RecordingStore();
    h = await startConsoleHarness({ erpFactory, storeFactory: () => store, viewport: { width: 1100, height: 760 } });
    page = h.page;
    const { id } = await h.opened.service.saveConnection({
      config: { kind: 'microsip', host: '127.0.0.1', port: 3050, folder: 'C:\\Microsip datos', user: 'SYSDBA' },
      newPassword: 'masterkey',
    });
    await h.opened.service.listCompanies(id);
    const saved = await h.opened.service.saveSettings(id, [
      settingsInput(company.id, { sync: true, url: 'https://la-guera.wopen.com.mx', user: 'u', newPassword: 'p' }),
    ]);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    scope = { connectionId: id, companyId: company.id };
    erp.source(company.id).set('articles', 1, { code: 'A1', name: 'Artículo' });
    await h.opened.engine.run(scope, { trigger: 'automatic' }); // records the identity
    // A test copy of another company restored over the file, under the same short name.
    identity = { ...identity, rfc: 'PRU990909ZZ9', stamp: 'creada 2026-12-01 08:00:00.0000' };
    await h.opened.engine.run(scope, { trigger: 'automatic' }).catch((e: unknown) => {
      if (!(e instanceof IdentityBlockedError)) throw e;
    });
    if (!h.opened.engine.identity.isBlocked(scope)) throw new Error('The company should be blocked');
    await page.reload();
  } catch (err) {
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('identity prompt (Chromium)', () => {
  it('asks «¿es la misma empresa?»; No, revisar keeps it stopped; Sí, es la misma resumes it', async () => {
    if (setupError) throw setupError;
    const prompt = page.getByRole('alertdialog', { name: 'Identidad de la empresa' });
    await prompt.waitFor();
    await expect(prompt.textContent()).resolves.toContain(
      `La empresa ${company.name} ahora es RFC PRU990909ZZ9 / archivo C:\\Microsip datos\\LA GUERA.FDB: ¿es la misma empresa?`,
    );
    const text = (await prompt.textContent()) ?? '';
    expect(text).toContain('Antes: RFC GUE010101AB1');
    expect(text).toContain('el RFC cambió de GUE010101AB1 a PRU990909ZZ9');
    // The safe answer has the focus.
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document
            .activeElement?.textContent,
      ),
    ).toBe('No, revisar');
    await page.screenshot({ path: path.join(SHOTS, '63-identidad.png') });

    await prompt.getByRole('button', { name: 'No, revisar' }).click();
    await prompt.waitFor({ state: 'detached' });
    const banner = page.getByText(`Sincronización detenida: «${company.name}» parece otra empresa`);
    await banner.waitFor();
    expect(h.opened.engine.identity.isBlocked(scope)).toBe(true);
    expect(h.calls.some((c) => c.method === 'confirmIdentity')).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, '63-identidad-detenida.png') });

    await page.getByRole('button', { name: 'Revisar…' }).click();
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Sí, es la misma' }).click();
    await prompt.waitFor({ state: 'detached' });
    await banner.waitFor({ state: 'detached' });
    expect(h.opened.engine.identity.isBlocked(scope)).toBe(false);
    expect(h.opened.engine.identity.status(scope, company.name).recorded?.rfc).toBe('PRU990909ZZ9');
    expect((await h.opened.engine.run(scope, { trigger: 'manual' })).state).toBe('success');
    expect(h.pageErrors).toEqual([]);
  });
});
