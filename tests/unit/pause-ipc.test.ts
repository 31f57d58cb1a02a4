import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/ipc/handlers';
import { serviceWithFakeErp } from '../helpers/service';

const trusted = { isTrustedSender: (u: string) => u.startsWith('file:///app/') };
const own = { senderUrl: 'file:///app/index.html', isMainFrame: true };

describe('IPC pause domain', () => {
  it('validates the target and the end, pauses as the console user and resumes', async () => {
    const t = serviceWithFakeErp();
    const { id } = await t.service.saveConnection({
      config: { kind: 'microsip', host: 'h', port: 3050, folder: '/d', user: 'SYSDBA' },
      newPassword: 'pw',
    });
    await t.service.listCompanies(id);
    const h = createHandlers(t);
    for (const payload of [
      { target: 'todas', until: null },
      { target: { connectionId: id, companyId: '1' }, until: '24/12/2026 18:00' },
      { target: 'all' },
    ]) {
      const r = await dispatch(h, 'pauseSync', own, payload, trusted);
      expect(r).toEqual({ ok: false, error: expect.stringMatching(/Datos no válidos/) });
    }
    const past = await dispatch(h, 'pauseSync', own, { target: 'all', until: '2020-01-01T00:00:00Z' }, trusted);
    expect(past).toEqual({ ok: false, error: 'La fecha de fin de la pausa ya pasó: indique una fecha futura.' });
    expect(await dispatch(h, 'listPauses', own, undefined, trusted)).toEqual({ ok: true, value: [] });

    const until = new Date(Date.now() + 3_600_000).toISOString();
    const ok = await dispatch(h, 'pauseSync', own, { target: { connectionId: id, companyId: '1' }, until }, trusted);
    expect(ok).toMatchObject({ ok: true, value: { pause: { pausedBy: 'contador', until, companyId: '1' } } });
    const listed = await dispatch(h, 'listPauses', own, undefined, trusted);
    expect(listed).toMatchObject({
      ok: true,
      value: [{ connectionId: id, companyId: '1', companyName: expect.any(String) }],
    });
    const resumed = await dispatch(h, 'resumeSync', own, { target: { connectionId: id, companyId: '1' } }, trusted);
    expect(resumed).toMatchObject({ ok: true, value: { message: expect.stringMatching(/reanudada\.$/) } });
    expect(await dispatch(h, 'listPauses', own, undefined, trusted)).toEqual({ ok: true, value: [] });
  });
});
