import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidCfdi, readCfdi } from '../../electron/erp/cfdi/read-cfdi';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/cfdi', name), 'utf8');
const cfdi40 = fixture('cfdi40-timbrado.xml');

describe('readCfdi', () => {
  it('reads the UUID and the header of a stamped CFDI 4.0 (with accents, Ñ and escaped text)', () => {
    expect(readCfdi(cfdi40)).toEqual({
      uuid: '9FB6ED1A-5F87-4C9E-A3B7-2C5D1E0F4A21',
      version: '4.0',
      serie: 'WF',
      folio: '123',
      fecha: '2026-11-20T10:15:30',
      fechaTimbrado: '2026-11-20T10:16:02',
      total: 2088,
      totalText: '2088.00',
      moneda: 'MXN',
      emisorRfc: 'EKU9003173C9',
      receptorRfc: 'NUAM850101AB1',
    });
  });

  it('reads a CFDI 3.3 and upper-cases its UUID', () => {
    const cfdi = readCfdi(fixture('cfdi33-timbrado.xml'));
    expect(cfdi).toMatchObject({
      uuid: 'C3A8E7F2-1B4D-4E6A-9F0C-8D2B5A7E3F19',
      version: '3.3',
      serie: 'A',
      folio: '4501',
      total: 1160,
      moneda: 'USD',
      receptorRfc: 'XAXX010101000',
    });
  });

  it('accepts a byte-order mark, CRLF line ends and other namespace prefixes', () => {
    const renamed = cfdi40
      .replace(/cfdi:/g, 'c4:')
      .replace('xmlns:cfdi=', 'xmlns:c4=')
      .replace(/tfd:/g, 't:')
      .replace('xmlns:tfd=', 'xmlns:t=')
      .replace(/\n/g, '\r\n');
    expect(readCfdi(`\uFEFF${renamed}`).uuid).toBe('9FB6ED1A-5F87-4C9E-A3B7-2C5D1E0F4A21');
  });

  it('finds the timbre by namespace, not by text: a UUID attribute elsewhere is ignored', () => {
    const decoy = cfdi40.replace(
      '<cfdi:Complemento>',
      '<cfdi:Addenda><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" UUID="00000000-0000-0000-0000-000000000000"/></cfdi:Addenda><cfdi:Complemento>',
    );
    expect(readCfdi(decoy).uuid).toBe('9FB6ED1A-5F87-4C9E-A3B7-2C5D1E0F4A21');
  });

  it('refuses a CFDI without TimbreFiscalDigital', () => {
    expect(() => readCfdi(fixture('cfdi40-sin-timbre.xml'))).toThrow(InvalidCfdi);
    expect(() => readCfdi(fixture('cfdi40-sin-timbre.xml'))).toThrow(
      'El CFDI no está timbrado: no tiene el complemento TimbreFiscalDigital.',
    );
  });

  it('refuses a malformed UUID', () => {
    const bad = cfdi40.replace('9FB6ED1A-5F87-4C9E-A3B7-2C5D1E0F4A21', '9FB6ED1A-5F87-4C9E-A3B7');
    expect(() => readCfdi(bad)).toThrow('El UUID del TimbreFiscalDigital no es válido: «9FB6ED1A-5F87-4C9E-A3B7».');
  });

  it('refuses XML that is not a CFDI, text that is not XML, and an empty string', () => {
    expect(() => readCfdi('<?xml version="1.0"?><pedido><folio>1</folio></pedido>')).toThrow(
      'El XML no es un CFDI 3.3 o 4.0: su elemento raíz es «pedido», se esperaba cfdi:Comprobante.',
    );
    // The right element name in the wrong namespace is not a CFDI either.
    expect(() => readCfdi('<cfdi:Comprobante xmlns:cfdi="urn:otro" Version="4.0"/>')).toThrow(/no es un CFDI/);
    expect(() => readCfdi('Error 500: servicio no disponible')).toThrow(/no es un XML válido/);
    expect(() => readCfdi(cfdi40.slice(0, 400))).toThrow(InvalidCfdi);
    expect(() => readCfdi('   ')).toThrow('El XML del CFDI está vacío.');
  });

  it('refuses a version that does not match the namespace', () => {
    expect(() => readCfdi(cfdi40.replace('Version="4.0"', 'Version="3.3"'))).toThrow(
      'El CFDI declara la versión 3.3 pero usa el espacio de nombres de la versión 4.0.',
    );
  });
});
