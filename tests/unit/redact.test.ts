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
