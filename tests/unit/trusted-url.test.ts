import { describe, expect, it } from 'vitest';
import { isOwnPage } from '../../electron/main/trusted-url';

describe('isOwnPage: which page may call window.api', () => {
  const own = 'file:///C:/Program%20Files/Wopen%20Sync%20Console/resources/app.asar/out/renderer/index.html';
  it('accepts our built page, with a query or fragment', () => {
    expect(isOwnPage(own, own)).toBe(true);
    expect(isOwnPage(own, `${own}#/eventos`)).toBe(true);
  });
  it('refuses the same path on another host (a UNC file), another file, or http', () => {
    expect(isOwnPage(own, own.replace('file:///', 'file://servidor/'))).toBe(false);
    expect(isOwnPage(own, own.replace('index.html', 'otra.html'))).toBe(false);
    expect(isOwnPage(own, 'https://evil.example/out/renderer/index.html')).toBe(false);
    expect(isOwnPage(own, 'no es una url')).toBe(false);
  });
  it('compares origins for the dev server', () => {
    expect(isOwnPage('http://localhost:5173/', 'http://localhost:5173/index.html')).toBe(true);
    expect(isOwnPage('http://localhost:5173/', 'http://localhost:5174/')).toBe(false);
  });
});
