import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../electron/events/redact';

describe('redact', () => {
  it('hides secret-looking keys at any depth', () => {
    expect(redact({ user: 'SYSDBA', password: 'masterkey', nested: [{ Contraseña: 'x', token: 't', ok: 1 }] })).toEqual(
      {
        user: 'SYSDBA',
        password: '[oculto]',
        nested: [{ Contraseña: '[oculto]', token: '[oculto]', ok: 1 }],
      },
    );
  });

  it('hides passwords inside connection strings and URLs', () => {
    expect(redactText('Server=x;User Id=sa;Password=S3cr3t;')).toBe('Server=x;User Id=sa;Password=[oculto];');
    expect(redactText('https://user:pw@tienda.mx/x')).toBe('https://user:[oculto]@tienda.mx/x');
    expect(redactText('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [oculto]');
  });
});

describe('redactText against the forms a person really types (audit A11)', () => {
  it('hides the password of a URL with an empty user, "@" or "/" in it', () => {
    expect(redactText('Probar conexión con Wopen (https://:Sup3rSecreto@tienda.mx): error')).toBe(
      'Probar conexión con Wopen (https://:[oculto]@tienda.mx): error',
    );
    expect(redactText('https://integracion:X@Clave2024@tienda.mx/api')).toBe(
      'https://integracion:[oculto]@tienda.mx/api',
    );
    expect(redactText('https://integracion:Mi/Clave@tienda.mx')).toBe('https://integracion:[oculto]@tienda.mx');
    expect(redactText('https://solo-usuario@tienda.mx')).toBe('https://[oculto]@tienda.mx');
    expect(redactText('https://tienda.mx/sin/credenciales')).toBe('https://tienda.mx/sin/credenciales');
  });

  it('hides a password with spaces after «contraseña:» and a Bearer token in free text', () => {
    expect(redactText('contraseña: mi clave secreta\nsigue')).toBe('contraseña: [oculto]\nsigue');
    expect(redactText('password="a b;c"; user=x')).toBe('password=[oculto]; user=x');
    expect(redactText('respuesta con Bearer eyJhbGciOiJIUzI1NiJ9.x.y dentro')).toBe(
      'respuesta con Bearer [oculto] dentro',
    );
  });
});
