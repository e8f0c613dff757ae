import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { CreateUserBody } from '../../shared/admin.js';
import { todayInDenmark, type IsoDate } from '../../shared/dates.js';
import type { Role } from '../../shared/roles.js';
import { audit } from '../../server/audit/audit.js';
import { auditEvent } from '../../server/audit/audit.table.js';
import { hashPassword } from '../../server/auth/password.js';
import type { Actor, Ctx } from '../../server/context.js';
import type { Database, Tx } from '../../server/db/client.js';
import { inTenant } from '../../server/db/tenant.js';
import { findDepartmentByCode } from '../../server/modules/admin/departments.repository.js';
import { updateSettings } from '../../server/modules/admin/settings.service.js';
import { findUserByEmail, updateUser } from '../../server/modules/admin/users.repository.js';
import { createUser } from '../../server/modules/admin/users.service.js';
import { DEFAULT_DEMO_SEED, DEMO_EMAIL_DOMAIN, DEMO_MUNICIPALITY, DEMO_SIZES, DEMO_TYPE_NAMES, generateDemo, type DemoSize } from '../../server/modules/exchange/demo.generator.js';
import { humanise, importExchange } from '../../server/modules/exchange/import.service.js';
import { interventionType } from '../../server/modules/interventions/interventions.table.js';
import { findMunicipalityById, listMunicipalities } from '../../server/modules/setup/municipalities.repository.js';
import { stringFlag } from '../args.js';
import { CliFailure, progressReporter } from './exchange.js';
import { addDemoWork, type DemoTeamMember } from './demo-work.js';

type Flags = Map<string, string | true>;

/**
 * The demo's unit: the department of its coordinators and of its manager, so that the manager manages their families
 * (caseload distribution, overlaps, break-the-glass review: decision 0009). The exchange file names no department for a
 * coordinator, so the import creates them without one.
 */
const DEMO_UNIT = 'children_family';

/** Demo users besides the coordinators named in the file. Passwords are printed on the console: demo only. */
const ROLE_USERS: ReadonlyArray<{ local: string; name: string; role: Role; password: string; department?: string; profession?: string }> = [
  { local: 'admin', name: 'Anna Administrator', role: 'admin', password: 'demo-ugle-hest-1' },
  { local: 'leder', name: 'Lene Leder', role: 'manager', password: 'demo-raev-sko-2', department: DEMO_UNIT },
  { local: 'analytiker', name: 'Anders Analytiker', role: 'analyst', password: 'demo-sol-bog-3' },
  { local: 'fagperson', name: 'Frida Fagperson', role: 'professional', password: 'demo-kat-mos-4', department: 'children_family', profession: 'Familiebehandler' },
];
const COORDINATOR_PASSWORD = 'demo-fyr-taarn-5';

const ROLE_DA: Record<Role, string> = {
  admin: 'administrator',
  manager: 'leder',
  analyst: 'analytiker',
  professional: 'fagperson',
  coordinator: 'koordinator',
};

interface PrintedUser {
  email: string;
  password: string;
  role: Role;
  state: 'oprettet' | 'adgangskode sat' | 'fandtes allerede';
}

/** The first `demo.load` event of the demo municipality: the size, seed and date the demo was made with. */
async function previousLoad(database: Database, municipalityId: string): Promise<{ size: DemoSize; seed: number; today: IsoDate } | null> {
  const [row] = await inTenant(database.db, municipalityId, (tx) =>
    tx
      .select({ details: auditEvent.details })
      .from(auditEvent)
      .where(and(eq(auditEvent.municipalityId, municipalityId), eq(auditEvent.action, 'demo.load')))
      .orderBy(asc(auditEvent.seq))
      .limit(1),
  );
  if (!row) return null;
  const d = row.details as { size?: unknown; seed?: unknown; today?: unknown };
  if (!DEMO_SIZES.includes(d.size as DemoSize) || typeof d.seed !== 'number' || typeof d.today !== 'string') return null;
  return { size: d.size as DemoSize, seed: d.seed, today: d.today };
}

/**
 * `helhed demo [--size small|large]`: loads the synthetic demo municipality (DEMO_MUNICIPALITY) and its demo
 * users. Only into an empty database or one that holds nothing but the demo municipality — never next to a real
 * municipality's data, so there is no --municipality flag. Idempotent: a second run regenerates the same
 * document (same size, seed and date as the first run, read from its audit event), the import changes
 * nothing, and users already there are kept.
 */
export async function demoCommand(database: Database, flags: Flags, actor: Actor, url: string): Promise<void> {
  const sizeFlag = stringFlag(flags, 'size') ?? 'small';
  if (!DEMO_SIZES.includes(sizeFlag as DemoSize)) throw new CliFailure(`Ukendt størrelse «${sizeFlag}». Brug --size small eller --size large.`);
  const size = sizeFlag as DemoSize;

  const all = await listMunicipalities(database.db);
  const others = all.filter((m) => m.code !== DEMO_MUNICIPALITY.code);
  if (others.length > 0) {
    throw new CliFailure(
      [
        `Databasen indeholder allerede ${others.map((m) => `${m.code} ${m.name}`).join(', ')}; demoen indlæses ikke her.`,
        'Demodata blandes aldrig med en rigtig kommunes data. Brug en tom database, fx:',
        '  HELHED_DATA_DIR=demo-data npx helhed demo',
      ].join('\n'),
    );
  }
  const existing = all.find((m) => m.code === DEMO_MUNICIPALITY.code);
  const before = existing ? await previousLoad(database, existing.id) : null;
  if (before && before.size !== size) {
    throw new CliFailure(
      `Demokommunen er allerede indlæst i størrelsen ${before.size}. Kør helhed demo --size ${before.size}, eller brug en tom database (en anden HELHED_DATA_DIR) til ${size}.`,
    );
  }
  const today = before?.today ?? todayInDenmark();
  const seed = before?.seed ?? DEFAULT_DEMO_SEED;

  process.stderr.write(`Danner demodata (${size}) dateret ${today}${before ? ' som ved første kørsel' : ''} …\n`);
  const doc = generateDemo({ size, seed, today });
  const progress = progressReporter();
  const started = performance.now();
  const result = await importExchange(database.db, doc, {
    municipalityCode: DEMO_MUNICIPALITY.code,
    onProgress: progress.update,
    actor,
    requestId: `cli-demo-${randomUUID()}`,
    lang: 'da',
  });
  progress.end();
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) {
    const lines = [`Demodataene blev afvist med ${result.problems.length} problem(er); intet er gemt.`];
    for (const p of result.problems.slice(0, 20)) lines.push(`  ${p.pointer || '/'}: ${p.da}`);
    throw new CliFailure(lines.join('\n'));
  }
  const m = result.municipality;
  const c = result.counts;
  const persons = c.persons.created + c.persons.updated + c.persons.unchanged;
  process.stdout.write(
    `Demokommunen ${m.code} ${m.name}${m.created ? ' er oprettet' : ' fandtes'}: ${doc.families.length} familier, ${persons} personer ` +
      `(${c.families.created} familier oprettet, ${c.families.unchanged} uændret) på ${seconds.toFixed(1)} s (${Math.round(persons / Math.max(seconds, 0.001))} personer/s).\n`,
  );

  const coordinatorEmails = [...new Set(doc.families.flatMap((f) => (f.coordinator ? [f.coordinator.email.toLowerCase()] : [])))].sort(
    (a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]),
  );
  const { users, mfaTurnedOff } = await inTenant(database.db, m.id, async (tx) => {
    const ctx: Ctx = { tx, municipalityId: m.id, actor, requestId: `cli-demo-${randomUUID()}`, lang: 'da', now: new Date() };
    const mfaTurnedOff = await demoWithoutMfa(ctx);
    const users: PrintedUser[] = [];
    for (const u of ROLE_USERS) users.push(await roleUser(ctx, tx, u));
    let coordinatorHash: string | undefined;
    const unit = await findDepartmentByCode(tx, m.id, DEMO_UNIT);
    for (const email of coordinatorEmails) {
      const found = await findUserByEmail(tx, m.id, email);
      if (!found) continue; // the import created every coordinator named in the file
      if (!found.departmentId && unit) {
        await updateUser(tx, m.id, found.id, { departmentId: unit.id, updatedAt: ctx.now });
        await audit(ctx, { action: 'user.update', targetType: 'user', targetId: found.id, details: { before: { departmentId: null }, after: { departmentId: unit.id }, via: 'demo' } });
      }
      if (found.passwordHash) {
        users.push({ email, password: COORDINATOR_PASSWORD, role: 'coordinator', state: 'fandtes allerede' });
        continue;
      }
      // One hash for all coordinators: they share the printed demo password anyway.
      coordinatorHash ??= await hashPassword(COORDINATOR_PASSWORD);
      await updateUser(tx, m.id, found.id, { passwordHash: coordinatorHash, mustChangePassword: false, updatedAt: ctx.now });
      await audit(ctx, { action: 'user.password_reset', targetType: 'user', targetId: found.id, details: { via: 'demo', mustChangePassword: false } });
      users.push({ email, password: COORDINATOR_PASSWORD, role: 'coordinator', state: 'adgangskode sat' });
    }
    const renamed = await nameDemoTypes(ctx);
    await audit(ctx, {
      action: 'demo.load',
      targetType: 'municipality',
      targetId: m.id,
      details: { size, seed, today, families: doc.families.length, firstLoad: before === null, typesNamed: renamed },
    });
    return { users, mfaTurnedOff };
  });

  const workProgress = progressReporter(process.stderr, 'Dagligt arbejde');
  const work = await addDemoWork(database, m.id, today, workProgress.update, undefined, await demoTeamMember(database, m.id));
  workProgress.end();
  if (work.families > 0) {
    process.stdout.write(
      `Dagligt arbejde i ${work.families} familier: ${work.custodies} forældremyndigheder, ${work.consents} samtykker, ` +
        `${work.plansPublished} offentliggjorte planer, ${work.meetings} netværksmøder og ${work.notes} journalnotater; ` +
        `fagpersonen er med i teamet omkring ${work.teamMemberships} af familierne.\n`,
    );
  }

  const out: string[] = [];
  out.push(
    mfaTurnedOff
      ? `To-faktor-login (MFA) er slået fra for alle roller i demokommunen ${m.code} — kun her, og kun fordi det er en demo.`
      : `To-faktor-login (MFA) er ikke påkrævet for nogen rolle i demokommunen ${m.code} (kun demoen).`,
  );
  out.push('', 'Demobrugere (adgangskoderne gælder kun demoen):', '');
  const shown = users.filter((u) => u.role !== 'coordinator' || users.filter((x) => x.role === 'coordinator').indexOf(u) < 5);
  const rows = [['E-mail', 'Adgangskode', 'Rolle', 'Status'], ...shown.map((u) => [u.email, u.password, ROLE_DA[u.role], `(${u.state})`])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  rows.forEach((r, i) => {
    out.push(`  ${r.map((cell, k) => cell.padEnd(widths[k]!)).join('  ').trimEnd()}`);
    if (i === 0) out.push(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  });
  const coordinators = users.filter((u) => u.role === 'coordinator').length;
  if (coordinators > 5)
    out.push(`  … og koordinator6@${DEMO_EMAIL_DOMAIN} til koordinator${coordinators}@${DEMO_EMAIL_DOMAIN}, alle med adgangskoden ${COORDINATOR_PASSWORD}`);
  out.push('', `Start Helhed med samme database (samme HELHED_DATA_DIR eller DATABASE_URL): npm start — og åbn ${url}`, '');
  process.stdout.write(`${out.join('\n')}\n`);
}

/**
 * Gives the demo's catalogue types their Danish names. Only a type still named after its code by the import is renamed,
 * so a name an administrator has chosen is kept when the demo runs again. Audited like the catalogue page's change.
 */
async function nameDemoTypes(ctx: Ctx): Promise<number> {
  let renamed = 0;
  for (const [code, name] of DEMO_TYPE_NAMES) {
    const rows = await ctx.tx
      .update(interventionType)
      .set({ name })
      .where(and(eq(interventionType.municipalityId, ctx.municipalityId), eq(interventionType.code, code), eq(interventionType.name, humanise(code))))
      .returning({ id: interventionType.id });
    for (const r of rows) {
      await audit(ctx, { action: 'intervention_type.update', targetType: 'intervention_type', targetId: r.id, details: { name, via: 'demo' } });
      renamed++;
    }
  }
  return renamed;
}

/** The demo professional (fagperson@…) as the team member of the first demo families, or null when not there. */
async function demoTeamMember(database: Database, municipalityId: string): Promise<DemoTeamMember | null> {
  const u = ROLE_USERS.find((x) => x.role === 'professional')!;
  return inTenant(database.db, municipalityId, async (tx) => {
    const user = await findUserByEmail(tx, municipalityId, `${u.local}@${DEMO_EMAIL_DOMAIN}`);
    if (!user?.departmentId) return null;
    return { userId: user.id, departmentId: user.departmentId, role: u.profession ?? 'Fagperson' };
  });
}

/** Sets the demo municipality's MFA roles to none (through the settings service, audited); true when it changed. */
async function demoWithoutMfa(ctx: Ctx): Promise<boolean> {
  const m = await findMunicipalityById(ctx.tx, ctx.municipalityId);
  if (!m || m.code !== DEMO_MUNICIPALITY.code) throw new CliFailure('Demokommunen blev ikke fundet.');
  if (m.settings.mfaRequiredRoles.length === 0) return false;
  await updateSettings(ctx, { mfaRequiredRoles: [] });
  return true;
}

/** A role user through the user service (audited); the demo skips the forced first password change. */
async function roleUser(ctx: Ctx, tx: Tx, u: (typeof ROLE_USERS)[number]): Promise<PrintedUser> {
  const email = `${u.local}@${DEMO_EMAIL_DOMAIN}`;
  if (await findUserByEmail(tx, ctx.municipalityId, email)) return { email, password: u.password, role: u.role, state: 'fandtes allerede' };
  let departmentId: string | null = null;
  if (u.department) departmentId = (await findDepartmentByCode(tx, ctx.municipalityId, u.department))?.id ?? null;
  const body = CreateUserBody.parse({ email, name: u.name, roles: [u.role], profession: u.profession, departmentId, initialPassword: u.password });
  const created = await createUser(ctx, body);
  await updateUser(tx, ctx.municipalityId, created.id, { mustChangePassword: false, updatedAt: ctx.now });
  await audit(ctx, {
    action: 'user.update',
    targetType: 'user',
    targetId: created.id,
    details: { before: { mustChangePassword: true }, after: { mustChangePassword: false }, via: 'demo' },
  });
  return { email, password: u.password, role: u.role, state: 'oprettet' };
}
