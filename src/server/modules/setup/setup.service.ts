import { sql } from 'drizzle-orm';
import type { SetupBody } from '../../../shared/auth.js';
import { DEFAULT_DEPARTMENTS, defaultSettings } from '../../../shared/municipality.js';
import { DEFAULT_EARLY_SIGNS } from '../../../shared/referrals.js';
import { earlySign } from '../referrals/referrals.table.js';
import { DEFAULT_LIFE_DOMAINS } from '../../../shared/plans.js';
import { lifeDomain } from '../plans/plans.table.js';
import { audit } from '../../audit/audit.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import type { Db, Tx } from '../../db/client.js';
import { municipality } from '../../db/municipality.table.js';
import { asSystem } from '../../db/tenant.js';
import { AppError, fieldError } from '../../errors.js';
import { department } from '../admin/departments.table.js';
import { staffUser } from '../admin/users.table.js';
import { countMunicipalities, findMunicipalityByCode, type Municipality } from './municipalities.repository.js';

export interface SetupOptions {
  /** The web's first-run page may only create the first municipality; the CLI may add more. */
  onlyIfEmpty: boolean;
  requestId: string;
  lang: 'da' | 'en';
}

/**
 * Writes a municipality row (as the owner) and, under row-level security from then on in this transaction,
 * its default departments, early signs and life domains. Shared by setup and by an import into an empty
 * database (which creates the municipality without an administrator).
 */
export async function insertMunicipalityWithDefaults(tx: Tx, input: { code: string; name: string }): Promise<Municipality> {
  const [m] = await tx.insert(municipality).values({ code: input.code, name: input.name, settings: defaultSettings() }).returning();
  await tx.execute(sql`select set_config('role', 'helhed_app', true), set_config('helhed.municipality_id', ${m!.id}, true)`);
  await tx.insert(department).values(DEFAULT_DEPARTMENTS.map((d) => ({ municipalityId: m!.id, ...d })));
  await tx
    .insert(earlySign)
    .values(DEFAULT_EARLY_SIGNS.map((s, i) => ({ municipalityId: m!.id, code: s.code, labelDa: s.da, labelEn: s.en, sortOrder: i * 10 })));
  await tx
    .insert(lifeDomain)
    .values(DEFAULT_LIFE_DOMAINS.map((d, i) => ({ municipalityId: m!.id, code: d.code, labelDa: d.da, labelEn: d.en, child: d.child, sortOrder: i * 10 })));
  return m!;
}

/**
 * Creates a municipality with its default departments and its first administrator. The municipality row is
 * written as the owner (no tenant exists yet); everything inside it is written under row-level security.
 */
export async function setupMunicipality(db: Db, body: SetupBody, opts: SetupOptions): Promise<Municipality> {
  const problem = passwordProblem(body.admin.password, body.admin);
  if (problem) throw fieldError('admin.password', problem);
  const passwordHash = await hashPassword(body.admin.password);
  return asSystem(db, async (tx) => {
    // Two first visits at once: the lock makes the second see the first's municipality.
    await tx.execute(sql`select pg_advisory_xact_lock(4242002)`);
    if (opts.onlyIfEmpty && (await countMunicipalities(tx)) > 0) throw new AppError('setup_already_done');
    if (await findMunicipalityByCode(tx, body.municipality.code)) throw new AppError('municipality_code_taken');
    const m = await insertMunicipalityWithDefaults(tx, body.municipality);
    const [admin] = await tx
      .insert(staffUser)
      .values({
        municipalityId: m!.id,
        email: body.admin.email,
        name: body.admin.name,
        roles: ['admin'],
        passwordHash,
        language: opts.lang,
      })
      .returning();
    const ctx = { tx, municipalityId: m!.id, actor: null, requestId: opts.requestId, lang: opts.lang, now: new Date() };
    await audit(ctx, {
      action: 'setup.completed',
      targetType: 'municipality',
      targetId: m!.id,
      details: { code: m!.code, name: m!.name },
    });
    await audit(ctx, { action: 'user.create', targetType: 'user', targetId: admin!.id, details: { roles: ['admin'] } });
    return m!;
  });
}
