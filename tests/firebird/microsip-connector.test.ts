import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import { withCompanyDatabase } from '../../electron/erp/microsip/company-database';
import { withFirebird } from '../../electron/erp/microsip/firebird-client';
import { encodeMicrosipText } from '../../electron/erp/microsip/win1252-text';
import {
  createMicrosipDataFolder,
  removeMicrosipDataFolder,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';
import { uniqueDataFolder } from '../helpers/firebird-env';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';

/** MicrosipConnector against the real local Firebird 3 server and a Microsip-shaped data folder. */

const NANDU = 'ÑANDÚ €URO';
const GUERA = '“LA GÜERA” — Œ';
const OLD = 'ANTIGUA 2019';
const COMPANIES: FixtureCompany[] = [
  {
    id: 7,
    shortName: NANDU,
    branches: [
      { id: 10, name: 'Matriz Ñuñoa' },
      { id: 11, name: 'Sucursal “Norte” — €' },
      { id: 12, name: 'Bodega oculta', hidden: true },
    ],
  },
  { id: 3, shortName: GUERA, branches: [] },
  { id: 9, shortName: OLD, branches: null }, // Microsip before 2020: no SUCURSALES table
];

const microsip = useMicrosipFixture('microsip-connector', COMPANIES);
const { env, folder, config } = microsip;

describe('MicrosipConnector (Firebird real)', () => {
  it('lists the companies of CONFIG.FDB with Windows-1252 names decoded', async () => {
    const connector = new MicrosipConnector(config(), env.password);
    const companies = await connector.listCompanies();
    expect(companies).toEqual(
      [
        { id: '3', name: GUERA },
        { id: '9', name: OLD },
        { id: '7', name: NANDU },
      ].sort((a, b) => a.name.localeCompare(b.name, 'es')),
    );
    await connector.close();
  });

  it('re-reads EMPRESAS every time (a company renamed in Microsip shows its new name)', async () => {
    const connector = new MicrosipConnector(config(), env.password);
    expect((await connector.listCompanies()).find((c) => c.id === '9')?.name).toBe(OLD);
    const rename = (name: string) =>
      withFirebird({ ...env, database: microsip.fixture.configPath }, (db) =>
        db.query(
          'UPDATE EMPRESAS SET NOMBRE_CORTO = CAST(? AS VARCHAR(30) CHARACTER SET OCTETS) WHERE EMPRESA_ID = ?',
          [encodeMicrosipText(name), 9],
        ),
      );
    await rename('ANTIGUA ÁRBOL');
    try {
      expect((await connector.listCompanies()).find((c) => c.id === '9')?.name).toBe('ANTIGUA ÁRBOL');
    } finally {
      await rename(OLD);
    }
  });

  it('lists visible branches of a company, decoded, hidden ones left out', async () => {
    const connector = new MicrosipConnector(config(), env.password);
    expect(await connector.listBranches('7')).toEqual([
      { id: '10', name: 'Matriz Ñuñoa' },
      { id: '11', name: 'Sucursal “Norte” — €' },
    ]);
  });

  it('returns no branches for an empty SUCURSALES or a database without that table', async () => {
    const connector = new MicrosipConnector(config(), env.password);
    expect(await connector.listBranches('3')).toEqual([]);
    expect(await connector.listBranches('9')).toEqual([]);
  });

  it('explains an unknown company id in Spanish', async () => {
    const connector = new MicrosipConnector(config(), env.password);
    await expect(connector.listBranches('4242')).rejects.toThrow(/La empresa 4242 ya no existe en Microsip/);
    await expect(connector.listBranches('1; DROP TABLE EMPRESAS')).rejects.toThrow(
      /Identificador de empresa no válido/,
    );
  });

  it('opens a company database by EMPRESA_ID for the sync engine', async () => {
    const access = { config: config(), password: env.password };
    const result = await withCompanyDatabase(access, '7', async (db, company) => {
      const rows = await db.query<{ N: number }>('SELECT COUNT(*) AS N FROM MONEDAS WHERE ES_MONEDA_LOCAL = ?', ['S']);
      return { company, local: rows[0]?.N };
    });
    expect(result.company).toMatchObject({ id: '7', shortName: NANDU });
    expect(result.local).toBe(1);
    expect(microsip.fixture.companies.find((c) => c.id === '7')?.databasePath).toBe(`${folder}/${NANDU}.FDB`);
  });

  it('testConnection reports success and how many companies there are', async () => {
    const result = await new MicrosipConnector(config({ folder: `${folder}/` }), env.password).testConnection();
    expect(result).toMatchObject({
      ok: true,
      message: 'Conexión correcta: se encontraron 3 empresas en Microsip.',
      hints: [],
    });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});

describe('MicrosipConnector failures (Firebird real)', () => {
  const WRONG_PASSWORD = 'Clave-Equivocada-ñ€-4711';

  it('wrong password', async () => {
    const result = await new MicrosipConnector(config(), WRONG_PASSWORD).testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(`Usuario o contraseña de Firebird incorrectos (usuario ${env.user}).`);
    expect(result.hints.join(' ')).toMatch(/SYSDBA/);
    expect(JSON.stringify(result)).not.toContain(WRONG_PASSWORD);
  });

  it('wrong data folder shows the CONFIG.FDB path that was tried', async () => {
    const wrong = `${folder}/no-existe`;
    const result = await new MicrosipConnector(config({ folder: wrong }), env.password).testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(`No se encontró CONFIG.FDB en el servidor: se buscó "${wrong}/System/CONFIG.FDB".`);
    expect(result.hints.join(' ')).toMatch(/Carpeta de datos/);
    expect(JSON.stringify(result)).not.toContain(env.password);
  });

  it('closed port says the Firebird service is not listening', async () => {
    const port = await closedPort();
    const result = await new MicrosipConnector(config({ port }), env.password).testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      `El servidor ${env.host}:${port} rechazó la conexión: no hay un servicio Firebird escuchando en el puerto ${port}.`,
    );
    expect(result.hints.join(' ')).toMatch(/servicio de Firebird/);
    expect(result.hints.join(' ')).toMatch(/firewall/);
  });

  it('a server that never answers times out with a Spanish message', async () => {
    const silent = net.createServer(() => undefined); // accepts and says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const connector = new MicrosipConnector(config({ host: '127.0.0.1', port }), env.password, { attachMs: 500 });
      const result = await connector.testConnection();
      expect(result.ok).toBe(false);
      expect(result.message).toBe(`El servidor Firebird 127.0.0.1:${port} no respondió en 1 segundos.`);
    } finally {
      silent.close();
    }
  });

  it('a CONFIG.FDB without EMPRESAS is reported as not being Microsip', async () => {
    const other = uniqueDataFolder('microsip-not-config');
    try {
      await createMicrosipDataFolder({ ...env, folder: other, companies: [] });
      await withFirebird({ ...env, database: `${other}/System/CONFIG.FDB` }, (db) => db.query('DROP TABLE EMPRESAS'));
      const result = await new MicrosipConnector(config({ folder: other }), env.password).testConnection();
      expect(result).toMatchObject({ ok: false, message: 'CONFIG.FDB no tiene la tabla EMPRESAS de Microsip.' });
    } finally {
      await removeMicrosipDataFolder({ ...env, folder: other });
    }
  });
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
