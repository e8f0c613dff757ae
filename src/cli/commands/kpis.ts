import { randomUUID } from 'node:crypto';
import { isIsoDate, todayInDenmark } from '../../shared/dates.js';
import { kpiTableRows, showKpis } from '../../shared/evaluation-dashboard.js';
import { audit } from '../../server/audit/audit.js';
import type { Actor } from '../../server/context.js';
import type { Database } from '../../server/db/client.js';
import { inTenant } from '../../server/db/tenant.js';
import { kpisOfMunicipality } from '../../server/modules/evaluation/kpis.service.js';
import { stringFlag } from '../args.js';
import { chooseMunicipality, CliFailure } from './exchange.js';

type Flags = Map<string, string | true>;

/**
 * `helhed kpis [--as-of YYYY-MM-DD] [--json] [--municipality CODE]`: DESIGN.md's KPIs as of a date (today in Denmark
 * when left out), exact — the operator's view, like an analyst's. --json prints the shape of exchange/example.kpis.json;
 * otherwise a table with the Danish definitions. Audited as evaluation.kpis_read.
 */
export async function kpisCommand(database: Database, flags: Flags, actor: Actor): Promise<void> {
  const given = stringFlag(flags, 'as-of');
  if (flags.get('as-of') === true || (given !== undefined && !isIsoDate(given))) {
    throw new CliFailure('--as-of skal være en dato som ÅÅÅÅ-MM-DD, fx --as-of 2019-12-31');
  }
  const asOf = given ?? todayInDenmark();
  const m = await chooseMunicipality(database, flags);
  const kpis = await inTenant(database.db, m.id, async (tx) => {
    const numbers = await kpisOfMunicipality(tx, m.id, asOf);
    await audit(
      { tx, municipalityId: m.id, actor, requestId: `cli-${randomUUID()}`, lang: 'da', now: new Date() },
      { action: 'evaluation.kpis_read', details: { asOf, exact: true, via: 'cli' } },
    );
    return numbers;
  });
  if (flags.get('json') === true) {
    process.stdout.write(`${JSON.stringify(kpis, null, 1)}\n`);
    return;
  }
  const rows = kpiTableRows(showKpis(kpis, true), 'da');
  const out = [`KPI'er for ${m.code} ${m.name} pr. ${asOf}`, ''];
  const show = (v: number | string | null) =>
    v === null ? '–' : typeof v === 'number' ? v.toLocaleString('da-DK', { maximumFractionDigits: 3 }) : v;
  let lastKey = '';
  for (const r of rows) {
    if (r.key !== lastKey) {
      lastKey = r.key;
      out.push(`${r.label} (${r.key})${r.n === null ? '' : ` — n = ${show(r.n)}`}`, `  ${r.definition}`);
    }
    out.push(`    ${r.measureLabel}: ${show(r.value)}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
