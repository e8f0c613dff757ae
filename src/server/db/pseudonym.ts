import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import { municipality } from './municipality.table.js';

const keys = new Map<string, string>();

/** The municipality's secret for keyed hashes; read once per process (it never changes). */
async function keyOf(ctx: Ctx): Promise<string> {
  const cached = keys.get(ctx.municipalityId);
  if (cached) return cached;
  const [row] = await ctx.tx.select({ key: municipality.pseudonymKey }).from(municipality).where(eq(municipality.id, ctx.municipalityId));
  if (!row) throw new Error('municipality not found for pseudonym key');
  keys.set(ctx.municipalityId, row.key);
  return row.key;
}

/**
 * A keyed hash (HMAC-SHA256 with the municipality's secret) of an identifier such as a CPR number, for the
 * audit trail and pseudonymised extracts: stable, but not reversible by trying every CPR without the key.
 */
export async function pseudonym(ctx: Ctx, purpose: string, value: string): Promise<string> {
  return createHmac('sha256', await keyOf(ctx)).update(`${purpose}:${value}`).digest('hex');
}
