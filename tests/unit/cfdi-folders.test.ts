import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedCfdiPath, readCfdiXml } from '../../electron/erp/contpaqi/documents/cfdi-xml';
import { contpaqiConfigSchema } from '../../shared/erp-connection';
import { tempDir } from '../helpers/temp-dir';

describe('CFDI XML paths from the ERP database', () => {
  const folders = ['\\\\SERVIDOR\\Empresas\\XML'];

  it('reads local absolute paths; a network share only inside a configured folder', () => {
    expect(allowedCfdiPath('C:\\Compac\\Empresas\\adEMPRESA\\XML_SDK\\F1.xml', [])).toBe(true);
    expect(allowedCfdiPath('/srv/cfdi/F1.xml', [])).toBe(true);
    expect(allowedCfdiPath('\\\\SERVIDOR\\Empresas\\XML\\2026\\F1.xml', [])).toBe(false);
    expect(allowedCfdiPath('\\\\servidor\\empresas\\xml\\2026\\F1.xml', folders)).toBe(true);
    expect(allowedCfdiPath('//SERVIDOR/Empresas/XML/F1.xml', folders)).toBe(true);
  });

  it('refuses another host, a sibling folder with the same prefix, .. and relative paths', () => {
    expect(allowedCfdiPath('\\\\atacante.example\\c$\\F1.xml', folders)).toBe(false);
    expect(allowedCfdiPath('\\\\SERVIDOR\\Empresas\\XML2\\F1.xml', folders)).toBe(false);
    expect(allowedCfdiPath('\\\\SERVIDOR\\Empresas\\XML\\..\\..\\otra\\F1.xml', folders)).toBe(false);
    expect(allowedCfdiPath('C:\\Compac\\..\\Windows\\x.xml', [])).toBe(false);
    expect(allowedCfdiPath('XML_SDK\\F1.xml', folders)).toBe(false);
    expect(allowedCfdiPath(null, folders)).toBe(false);
  });

  it('readCfdiXml never opens a share outside the folders, and still reads a local stamped XML', async () => {
    const file = path.join(tempDir(), 'F1.xml');
    fs.writeFileSync(file, '\uFEFF<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4"/>');
    expect(await readCfdiXml(file)).toMatch(/^<cfdi:Comprobante/);
    expect(await readCfdiXml('\\\\127.0.0.1\\c$\\F1.xml')).toBeNull();
  });

  it('the connection accepts only whole network folders, in Spanish', () => {
    const base = { kind: 'contpaqi', server: 'S', database: 'D', user: 'sa' } as const;
    expect(contpaqiConfigSchema.parse({ ...base, cfdiFolders: folders }).cfdiFolders).toEqual(folders);
    const bad = contpaqiConfigSchema.safeParse({ ...base, cfdiFolders: ['C:\\XML'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/carpeta de red completa/);
  });
});
