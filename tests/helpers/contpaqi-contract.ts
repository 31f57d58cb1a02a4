import { expect } from 'vitest';
import type { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { EXPECTED_BRANCHES, EXPECTED_COMPANIES } from './contpaqi-fixture';

/** The checks every backend of the fixture must pass: SQLite in unit tests, a real SQL Server live. */
export async function expectStartProContract(connector: ContpaqiConnector, database: string): Promise<void> {
  const test = await connector.testConnection();
  expect(test, test.message).toMatchObject({ ok: true, hints: [] });
  expect(test.message).toContain(`«${database}»`);
  expect(test.message).toContain('4 empresas');
  expect(test.elapsedMs).toBeGreaterThanOrEqual(0);

  expect(await connector.listCompanies()).toEqual(EXPECTED_COMPANIES);
  for (const [companyId, branches] of Object.entries(EXPECTED_BRANCHES)) {
    expect(await connector.listBranches(companyId), `sucursales de ${companyId}`).toEqual(branches);
  }
  // A customer (IsOwned = 0) or an unknown id has no branches, and no error.
  expect(await connector.listBranches('5')).toEqual([]);
  expect(await connector.listBranches('999999')).toEqual([]);
}
