import { describe, expect, it } from 'vitest';
import { dispatch, registerHandlers, type Envelope } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/ipc/handlers';
import { API_METHODS, channelOf } from '../../shared/ipc-channels';
import { contract } from '../../shared/ipc-contract';
import { serviceWithFakeErp } from '../helpers/service';

const trusted = { isTrustedSender: (u: string) => u.startsWith('file:///app/') };
const own = { senderUrl: 'file:///app/index.html', isMainFrame: true };

describe('IPC dispatch', () => {
  it('covers every contract method with exactly one channel', () => {
    const t = serviceWithFakeErp();
    const channels: string[] = [];
    registerHandlers({ handle: (ch) => channels.push(ch) }, createHandlers(t), trusted);
    expect(channels.sort()).toEqual(API_METHODS.map(channelOf).sort());
    expect(Object.keys(contract).sort()).toEqual([...API_METHODS].sort());
  });

  it('refuses senders that are not our page, or not its main frame', async () => {
    const t = serviceWithFakeErp();
    const h = createHandlers(t);
    for (const sender of [
      { senderUrl: 'https://evil.example/', isMainFrame: true },
      { senderUrl: 'file:///app/index.html', isMainFrame: false },
      { senderUrl: null, isMainFrame: true },
    ]) {
      const r = await dispatch(h, 'listConnections', sender, undefined, trusted);
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/rechazada/) });
    }
  });

  it('validates payloads with the contract before any handler runs', async () => {
    const t = serviceWithFakeErp();
    const { db } = t;
    const h = createHandlers(t);
    const bad: [string, unknown][] = [
      ['saveSettings', { connectionId: -1, companies: [] }],
      ['saveSettings', { connectionId: 1, companies: [{ companyId: '1' }] }],
      ['listEvents', { days: 10_000 }],
      ['getCompanySettings', { connectionId: 1, companyId: '1', extra: 'x' }],
      ['saveConnection', { config: { kind: 'oracle' } }],
    ];
    for (const [method, payload] of bad) {
      const r = await dispatch(h, method as never, own, payload, trusted);
      expect(r.ok).toBe(false);
      expect((r as { error: string }).error).toMatch(/Datos no válidos/);
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM erp_connections').get()).toEqual({ n: 0 });
  });

  it('passes user-facing errors through and hides unexpected ones', async () => {
    const t = serviceWithFakeErp();
    const h = createHandlers(t);
    const missing = await dispatch(h, 'getCompanySettings', own, { connectionId: 7, companyId: '1' }, trusted);
    expect(missing).toEqual({ ok: false, error: 'No existe la conexión 7.' });
    const seen: unknown[] = [];
    const boom = await dispatch(
      {
        ...h,
        listConnections: () => {
          throw new Error('SQLITE_CORRUPT at /secret/path');
        },
      },
      'listConnections',
      own,
      undefined,
      { ...trusted, onUnexpected: (_m, e) => seen.push(e) },
    );
    expect(boom).toEqual({ ok: false, error: expect.not.stringContaining('SQLITE') as unknown as string });
    expect(seen).toHaveLength(1);
  });

  it('returns values in an envelope', async () => {
    const t = serviceWithFakeErp();
    const r: Envelope = await dispatch(createHandlers(t), 'listEvents', own, { days: 7 }, trusted);
    expect(r).toEqual({ ok: true, value: [] });
  });
});
