import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { EXCHANGE_KINDS, type ExchangeCounts } from '../../shared/exchange/exchange.js';
import type { Actor } from '../../server/context.js';
import type { Database } from '../../server/db/client.js';
import { inTenant } from '../../server/db/tenant.js';
import { exportExchange } from '../../server/modules/exchange/export.service.js';
import { importExchange } from '../../server/modules/exchange/import.service.js';
import { listMunicipalities } from '../../server/modules/setup/municipalities.repository.js';
import { stringFlag } from '../args.js';

type Flags = Map<string, string | true>;

/** Thrown for a clear, expected failure; main.ts prints the message and exits 1. */
export class CliFailure extends Error {}

const KIND_LABEL_DA: Record<(typeof EXCHANGE_KINDS)[number], string> = {
  families: 'familier',
  persons: 'personer',
  memberships: 'medlemskaber',
  coordinators: 'koordinatorer',
  departments: 'afdelinger',
  interventionTypes: 'indsatstyper',
  goals: 'mål',
  ratings: 'vurderinger',
  supportStatus: 'forsørgelsesperioder',
  childWelfare: 'børnesagsperioder',
  concernReports: 'underretninger',
  schoolAttendance: 'skolefravær',
  interventions: 'indsatser',
  assessments: 'målinger',
};

/** A progress bar on stderr: redrawn in place on a terminal, plain lines (every 10 %) otherwise. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr, label = 'Importerer'): { update: (done: number, total: number) => void; end: () => void } {
  const tty = stream.isTTY === true;
  let lastStep = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (tty) {
        const width = 30;
        const filled = total === 0 ? width : Math.round((done / total) * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} familier`);
        drawn = true;
        return;
      }
      const step = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (step === lastStep) return;
      lastStep = step;
      stream.write(`${label}: ${done}/${total} familier\n`);
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}

function formatCounts(counts: ExchangeCounts): string {
  return EXCHANGE_KINDS.map((k) => {
    const c = counts[k];
    const parts = [`${c.created} oprettet`, `${c.unchanged} uændret`];
    if (c.updated) parts.push(`${c.updated} ændret`);
    if (c.removed) parts.push(`${c.removed} fjernet`);
    return `  ${KIND_LABEL_DA[k]}: ${parts.join(', ')}`;
  }).join('\n');
}

/** `helhed import FILE [--municipality CODE]`: every problem with its JSON pointer on stderr and exit 1, else a summary. */
export async function importCommand(database: Database, file: string | undefined, flags: Flags, actor: Actor): Promise<void> {
  if (!file) throw new CliFailure('Brug: helhed import FIL [--municipality KODE]');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliFailure(`Filen ${file} kan ikke læses.`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CliFailure(`Filen ${file} er ikke gyldig JSON: ${(e as Error).message}`);
  }
  const progress = progressReporter();
  const result = await importExchange(database.db, doc, {
    municipalityCode: stringFlag(flags, 'municipality'),
    onProgress: progress.update,
    actor,
    requestId: `cli-${randomUUID()}`,
    lang: 'da',
  });
  progress.end();
  if (!result.ok) {
    const lines = [`Filen har ${result.problems.length} problem(er); intet er gemt.`];
    for (const p of result.problems) lines.push(`  ${p.pointer || '/'}: ${p.da}`);
    throw new CliFailure(lines.join('\n'));
  }
  const m = result.municipality;
  process.stdout.write(
    `Importeret til ${m.code} ${m.name}${m.created ? ' (kommunen er oprettet)' : ''}:\n${formatCounts(result.counts)}\n`,
  );
}

/** The municipality a command works on: the only one, or the one named by --municipality CODE. */
export async function chooseMunicipality(database: Database, flags: Flags): Promise<{ id: string; code: string; name: string }> {
  const all = await listMunicipalities(database.db);
  const code = stringFlag(flags, 'municipality');
  if (all.length === 0) throw new CliFailure('Der er ingen kommune endnu. Kør først: helhed setup eller helhed import');
  const m = code ? all.find((x) => x.code === code) : all.length === 1 ? all[0] : undefined;
  if (!m) {
    throw new CliFailure(
      code ? `Kommunen ${code} findes ikke. Kendte: ${all.map((x) => x.code).join(', ')}` : `Vælg kommune med --municipality (${all.map((x) => x.code).join(', ')})`,
    );
  }
  return m;
}

/** `helhed export [--pseudonymise] [--out FILE] [--municipality CODE]`: the document on stdout or in FILE. */
export async function exportCommand(database: Database, flags: Flags, actor: Actor): Promise<void> {
  const m = await chooseMunicipality(database, flags);
  const pseudonymise = flags.get('pseudonymise') === true || flags.get('pseudonymise') === 'true';
  const doc = await inTenant(database.db, m.id, (tx) =>
    exportExchange({ tx, municipalityId: m.id, actor, requestId: `cli-${randomUUID()}`, lang: 'da', now: new Date() }, { pseudonymise }),
  );
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const out = stringFlag(flags, 'out');
  if (out) {
    fs.writeFileSync(out, json, { mode: 0o600 });
    process.stderr.write(`${doc.families.length} familier eksporteret${pseudonymise ? ' (pseudonymiseret)' : ''} til ${out}\n`);
  } else process.stdout.write(json);
}
