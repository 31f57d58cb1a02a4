import { describe, expect, it } from 'vitest';
import { ErpError } from '../../electron/erp/port';
import { describeFirebirdFailure, type FailureContext } from '../../electron/erp/microsip/firebird-errors';
import { FirebirdTimeoutError } from '../../electron/erp/microsip/firebird-client';
import { decodeMicrosipText, encodeMicrosipText, selectAsOctets } from '../../electron/erp/microsip/win1252-text';

const SAMPLE = 'ÑANDÚ €URO “curly” — Œ';

describe('Windows-1252 text', () => {
  it('round-trips the characters latin1 gets wrong', () => {
    const bytes = encodeMicrosipText(SAMPLE);
    expect(bytes.toString('hex')).toBe('d1414e44da208055524f20936375726c79942097208c');
    expect(decodeMicrosipText(bytes)).toBe(SAMPLE);
  });

  it('strips CHAR padding (spaces, and NULs from OCTETS) and keeps null', () => {
    expect(decodeMicrosipText(Buffer.from('ABC   \0\0', 'latin1'))).toBe('ABC');
    expect(decodeMicrosipText(null)).toBeNull();
  });

  it('decodes UTF-8 columns as UTF-8', () => {
    expect(decodeMicrosipText(Buffer.from(SAMPLE, 'utf8'), 'UTF8')).toBe(SAMPLE);
  });

  it('refuses text Microsip cannot store', () => {
    expect(() => encodeMicrosipText('漢字')).toThrow(/Windows-1252/);
  });

  it('only interpolates plain identifiers', () => {
    expect(selectAsOctets('NOMBRE', 50)).toBe('CAST(NOMBRE AS VARCHAR(50) CHARACTER SET OCTETS) AS NOMBRE');
    expect(() => selectAsOctets('NOMBRE; DROP', 50)).toThrow(/no válido/);
  });
});

describe('Firebird failures in Spanish', () => {
  const ctx: FailureContext = {
    host: 'servidor',
    port: 3050,
    user: 'SYSDBA',
    databasePath: 'C:\\Microsip datos\\System\\CONFIG.FDB',
    databaseRole: 'config',
    password: 'S3creta-Larga',
  };
  const driverError = (message: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(message), extra);

  it('wire encryption mismatch points at WireCrypt = Enabled', () => {
    const e = describeFirebirdFailure(
      driverError('Incompatible wire encryption levels requested on client and server', { gdscode: 335545064 }),
      ctx,
    );
    expect(e).toBeInstanceOf(ErpError);
    expect(e.message).toMatch(/cifrado/);
    expect(e.hints.join(' ')).toMatch(/WireCrypt = Enabled/);
  });

  it('auth plugin mismatch points at AuthServer', () => {
    const e = describeFirebirdFailure(driverError("Server don't accept plugin : Legacy_Auth, but support : Srp"), ctx);
    expect(e.message).toMatch(/autenticación/);
    expect(e.hints.join(' ')).toMatch(/AuthServer/);
  });

  it('missing company file is told apart from a missing CONFIG.FDB', () => {
    const io = driverError('I/O error for file "x", Error while trying to open file', { gdscode: 335544344 });
    expect(describeFirebirdFailure(io, ctx).message).toBe(
      `No se encontró CONFIG.FDB en el servidor: se buscó "${ctx.databasePath}".`,
    );
    const company = describeFirebirdFailure(io, {
      ...ctx,
      databaseRole: 'company',
      databasePath: 'C:\\Microsip datos\\X.FDB',
    });
    expect(company.message).toMatch(/base de datos de la empresa/);
  });

  it('timeouts and unknown hosts', () => {
    expect(describeFirebirdFailure(new FirebirdTimeoutError('attach', 10_000), ctx).message).toBe(
      'El servidor Firebird servidor:3050 no respondió en 10 segundos.',
    );
    expect(
      describeFirebirdFailure(driverError('getaddrinfo ENOTFOUND servidor', { code: 'ENOTFOUND' }), ctx).message,
    ).toMatch(/No se encontró el servidor "servidor"/);
  });

  it('never repeats the password, even when the driver does', () => {
    const e = describeFirebirdFailure(driverError(`weird failure with S3creta-Larga inside`), ctx);
    expect(JSON.stringify({ m: e.message, h: e.hints, c: e.causeText })).not.toContain('S3creta-Larga');
  });
});

describe('Firebird errors of an open company database name what it lacks', () => {
  const company: FailureContext = {
    host: 'srv',
    port: 3050,
    user: 'SYSDBA',
    password: 'x',
    databasePath: 'C:\\Microsip datos\\E.FDB',
    databaseRole: 'company',
  };
  it('-206 Column unknown and -204 Table unknown name the object; other errors never say «al abrir»', () => {
    const col = describeFirebirdFailure(
      new Error('Dynamic SQL Error, SQL error code = -206, Column unknown, SUCURSAL_ID, At line 1, column 8'),
      company,
    );
    expect(col).toMatchObject({
      message: 'La base de datos de la empresa no tiene la columna SUCURSAL_ID (Firebird -206).',
      missingObject: 'SUCURSAL_ID',
    });
    const table = describeFirebirdFailure(
      new Error('Dynamic SQL Error, SQL error code = -204, Table unknown, LIBRES_PED_VE, At line 1'),
      company,
    );
    expect(table).toMatchObject({
      message: 'La base de datos de la empresa no tiene la tabla LIBRES_PED_VE (Firebird -204).',
      missingObject: 'LIBRES_PED_VE',
    });
    const other = describeFirebirdFailure(
      new Error('validation error for column "DOCTOS_VE"."SUCURSAL_ID", value "*** null ***"'),
      company,
    );
    expect(other.message).not.toContain('al abrir');
    expect(other.message).toMatch(
      /^Error de Firebird en la base de datos de la empresa: validation error for column "DOCTOS_VE"\."SUCURSAL_ID"/,
    );
  });
});
