import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../electron/main/permissions';

const ours = (url: string): boolean => url === 'file:///app/out/renderer/index.html';

describe('permissions of the console window', () => {
  it('grants only clipboard writing, only to our own page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'file:///app/out/renderer/index.html', ours)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', ours)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', null, ours)).toBe(false);
    for (const p of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal']) {
      expect([p, isPermissionAllowed(p, 'file:///app/out/renderer/index.html', ours)]).toEqual([p, false]);
    }
  });
});
