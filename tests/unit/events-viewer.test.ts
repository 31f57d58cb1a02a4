import { describe, expect, it } from 'vitest';
import { openSettingsDatabase } from '../../electron/settings/database';
import { EventLog } from '../../electron/events/event-log';
import { EventQueries, DETAILS_EXCERPT_MAX } from '../../electron/events/event-query';
import { CSV_HEADERS, csvCell, eventsCsv } from '../../electron/events/events-csv';
import { EventRetention } from '../../electron/events/retention';

const DAY = 86_400_000;
const NOW = new Date('2025-03-31T18:00:00.000Z');

function seeded() {
  const db = openSettingsDatabase(':memory:');
  let at = NOW;
  const log = new EventLog(db, () => at);
  const put = (daysAgo: number, e: Parameters<EventLog['record']>[0]) => {
    at = new Date(NOW.getTime() - daysAgo * DAY);
    return log.record(e);
  };
  return {
    db,
    log,
    put,
    q: new EventQueries(db),
    range: (days: number) => ({
      from: new Date(NOW.getTime() - days * DAY).toISOString(),
      to: new Date(NOW.getTime() + 1).toISOString(),
    }),
  };
}

describe('Visor de eventos: queryEvents', () => {
  it('filters by company, level, catalog, trigger, category and free text, newest first', () => {
    const t = seeded();
    t.put(1, {
      level: 'info',
      category: 'Sincronización',
      companyId: '1',
      message: 'Sincronización manual iniciada.',
      trigger: 'manual',
      runId: 7,
    });
    t.put(0.5, {
      level: 'error',
      category: 'Sincronización',
      companyId: '1',
      message: 'Artículos A5: La tienda rechazó el registro: precio inválido',
      catalog: 'articles',
      recordKey: 'A5',
      trigger: 'manual',
      runId: 7,
    });
    t.put(0.4, {
      level: 'error',
      category: 'Sincronización',
      companyId: '2',
      message: 'Clientes C9: La tienda rechazó el registro',
      catalog: 'customers',
      recordKey: 'C9',
      trigger: 'automatic',
      runId: 8,
    });
    t.put(0.3, { level: 'warning', category: 'Configuración', companyId: '1', message: 'Se guardó 100%_ de algo' });
    t.put(10, { level: 'error', category: 'Sincronización', companyId: '1', message: 'viejo' });

    const ids = (f: Partial<Parameters<EventQueries['page']>[0]>, days = 7) =>
      t.q.page({ ...t.range(days), ...f }, null, 50).events.map((e) => e.message);
    expect(ids({})).toEqual([
      'Se guardó 100%_ de algo',
      'Clientes C9: La tienda rechazó el registro',
      'Artículos A5: La tienda rechazó el registro: precio inválido',
      'Sincronización manual iniciada.',
    ]);
    expect(ids({}, 30)).toHaveLength(5);
    expect(ids({ companyId: '1', levels: ['error'] })).toEqual([
      'Artículos A5: La tienda rechazó el registro: precio inválido',
    ]);
    expect(ids({ levels: ['error', 'warning'] })).toHaveLength(3);
    expect(ids({ levels: [] })).toEqual([]);
    expect(ids({ catalog: 'customers' })).toEqual(['Clientes C9: La tienda rechazó el registro']);
    expect(ids({ trigger: 'manual' })).toHaveLength(2);
    expect(ids({ category: 'Configuración' })).toHaveLength(1);
    expect(ids({ text: 'PRECIO' })).toHaveLength(1);
    expect(ids({ text: 'c9' })).toHaveLength(1); // record key
    expect(ids({ text: '100%_' })).toHaveLength(1);
    expect(ids({ text: '%' })).toHaveLength(1); // LIKE wildcards are literal
    const row = t.q.page({ ...t.range(7), catalog: 'articles' }, null, 1).events[0];
    expect(row).toMatchObject({
      runId: 7,
      catalog: 'articles',
      recordKey: 'A5',
      trigger: 'manual',
      companyId: '1',
      level: 'error',
    });
  });

  it('pages with a keyset cursor without gaps or repeats, even with equal timestamps', () => {
    const t = seeded();
    for (let i = 0; i < 25; i++)
      t.put(i % 3 === 0 ? 2 : 1 + i / 100, { level: 'info', category: 'x', message: `e${i}` });
    const seen: string[] = [];
    let cursor: { at: string; id: number } | null = null;
    let pages = 0;
    do {
      const page = t.q.page(t.range(7), cursor, 7);
      seen.push(...page.events.map((e) => e.message));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(25);
    const all = t.q.page(t.range(7), null, 100).events;
    expect(all.map((e) => e.message)).toEqual(seen);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.at >= all[i]!.at).toBe(true);
  });

  it('gives a redacted detail excerpt of at most 4 KB', () => {
    const t = seeded();
    const id = t.put(0, {
      level: 'error',
      category: 'x',
      message: 'm',
      details: { password: 'secreto', url: 'https://u:clave@h', big: 'x'.repeat(20_000) },
    });
    const d = t.q.detail(id)!;
    expect(Buffer.byteLength(d.detailsExcerpt!, 'utf8')).toBeLessThanOrEqual(DETAILS_EXCERPT_MAX);
    expect(d.detailsExcerpt).not.toMatch(/secreto|clave/);
    expect(t.q.detail(id + 100)).toBeUndefined();
  });
});

describe('Visor de eventos: CSV export', () => {
  it('writes UTF-8 with BOM, Spanish headers, `;` separators and proper quoting', () => {
    const t = seeded();
    t.put(0, {
      level: 'warning',
      category: 'Sincronización',
      companyId: '1',
      companyName: 'ÑANDÚ; "S.A."',
      message: 'línea 1\nlínea 2',
      trigger: 'automatic',
      catalog: 'articles',
      recordKey: '=CMD()',
    });
    t.put(0.1, { level: 'info', category: 'Empresas', message: 'simple' });
    const { csv, rows } = eventsCsv(t.q.iterate(t.range(7)));
    expect(rows).toBe(2);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_HEADERS.join(';'));
    expect(lines[0]).toBe('Fecha y hora;Tipo;Categoría;Empresa;Catálogo;Origen;Corrida;Clave del registro;Mensaje');
    expect(csv).toContain(
      ';Advertencia;Sincronización;"ÑANDÚ; ""S.A.""";articles;Automática;;\'=CMD();"línea 1\nlínea 2"\r\n',
    );
    expect(csv).toMatch(/;Información;Empresas;;;;;;simple\r\n$/);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csvCell(' a')).toBe('" a"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });
});

describe('Visor de eventos: retention', () => {
  it('defaults to 30 days, enforces the 7-day minimum and keeps the setting', () => {
    const t = seeded();
    const r = new EventRetention(t.db, () => NOW);
    expect(r.days()).toBe(30);
    expect(r.save(3)).toBe(7);
    expect(r.save(45)).toBe(45);
    expect(new EventRetention(t.db).days()).toBe(45);
  });

  it('purges beyond the horizon and never deletes the last 7 days, whatever is stored', () => {
    const t = seeded();
    for (const d of [0, 1, 6.99, 7.01, 10, 29, 31, 60]) t.put(d, { level: 'info', category: 'x', message: `d${d}` });
    const r = new EventRetention(t.db, () => NOW);
    expect(r.purge()).toBe(2); // 31 and 60 days
    const left = () => t.q.page(t.range(365), null, 100).events.map((e) => e.message);
    expect(left()).toEqual(['d0', 'd1', 'd6.99', 'd7.01', 'd10', 'd29']);
    // A bad stored value (below the minimum) cannot reach into the last 7 days.
    t.db
      .prepare("INSERT OR REPLACE INTO app_settings (Key, Value, UpdatedOn) VALUES ('events.retentionDays', '0', 'x')")
      .run();
    expect(r.purge()).toBe(3); // 7.01, 10 and 29 days
    expect(left()).toEqual(['d0', 'd1', 'd6.99']);
    expect(r.purge()).toBe(0);
  });
});
