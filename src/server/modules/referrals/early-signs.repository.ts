import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { earlySign } from './referrals.table.js';

export type EarlySign = typeof earlySign.$inferSelect;

/** The checklist in display order; with activeOnly, what a referrer may choose from. */
export async function listEarlySigns(tx: Tx, municipalityId: string, opts: { activeOnly?: boolean } = {}): Promise<EarlySign[]> {
  return tx
    .select()
    .from(earlySign)
    .where(and(eq(earlySign.municipalityId, municipalityId), opts.activeOnly ? eq(earlySign.active, true) : undefined))
    .orderBy(asc(earlySign.sortOrder), asc(earlySign.code));
}

export async function findEarlySign(tx: Tx, municipalityId: string, code: string): Promise<EarlySign | undefined> {
  const [row] = await tx
    .select()
    .from(earlySign)
    .where(and(eq(earlySign.municipalityId, municipalityId), eq(earlySign.code, code)))
    .for('update')
    .limit(1);
  return row;
}

export async function upsertEarlySign(tx: Tx, values: EarlySign): Promise<EarlySign> {
  const { municipalityId: _m, code: _c, ...changes } = values;
  const [row] = await tx
    .insert(earlySign)
    .values(values)
    .onConflictDoUpdate({ target: [earlySign.municipalityId, earlySign.code], set: changes })
    .returning();
  return row!;
}
