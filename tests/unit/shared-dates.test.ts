import { describe, expect, it } from 'vitest';
import { formatLocal } from '../../shared/dates';

describe('formatLocal', () => {
  const d = new Date(2026, 0, 5, 7, 3, 9); // local 2026-01-05 07:03:09

  it('pads every field to two digits in local time', () => {
    expect(formatLocal(d, 'yyyy-MM-dd HH:mm:ss')).toBe('2026-01-05 07:03:09');
    expect(formatLocal(d, 'dd/MM HH:mm')).toBe('05/01 07:03');
    expect(formatLocal(new Date(2026, 11, 31, 23, 59, 0), 'yyyyMMdd-HHmm')).toBe('20261231-2359');
  });

  it('keeps quoted text literal (the T of ISO 8601 for SQL Server)', () => {
    expect(formatLocal(d, "yyyy-MM-dd'T'HH:mm:ss")).toBe('2026-01-05T07:03:09');
    expect(formatLocal(d, "yyyy-MM-dd'T00:00:00'")).toBe('2026-01-05T00:00:00');
  });
});
