import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import type { Tx } from '../db/client.js';
import { municipality } from '../db/municipality.table.js';
import { staffUser } from '../modules/admin/users.table.js';
import { session } from './sessions.table.js';
import { cachedQuery, literalLimit } from '../db/prepared.js';

export const SESSION_COOKIE = 'helhed_session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The cookie is `<municipalityId>.<token>`: the municipality tells which tenant to look the token up in. */
export function parseSessionCookie(value: string | undefined): { municipalityId: string; token: string } | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  const municipalityId = value.slice(0, dot);
  const token = value.slice(dot + 1);
  if (dot < 0 || !UUID.test(municipalityId) || !TOKEN.test(token)) return null;
  return { municipalityId, token };
}

export function sessionCookieValue(municipalityId: string, token: string): string {
  return `${municipalityId}.${token}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function createSession(ctx: Ctx, userId: string, stage: 'mfa' | 'active'): Promise<string> {
  const token = newToken();
  await ctx.tx.insert(session).values({
    municipalityId: ctx.municipalityId,
    tokenHash: hashToken(token),
    userId,
    stage,
    csrfToken: newToken(),
    createdAt: ctx.now,
    lastSeenAt: ctx.now,
  });
  return token;
}

/** Moves a session to a new token (and stage): after the second factor, so a token seen before it is useless. */
export async function rotateSession(ctx: Ctx, oldTokenHash: string, stage: 'mfa' | 'active'): Promise<string> {
  const token = newToken();
  await ctx.tx
    .update(session)
    .set({ tokenHash: hashToken(token), stage, csrfToken: newToken(), lastSeenAt: ctx.now })
    .where(and(eq(session.municipalityId, ctx.municipalityId), eq(session.tokenHash, oldTokenHash)));
  return token;
}

// Every authenticated request runs this: built once, a named statement (db/prepared.ts).
const findSessionQuery = cachedQuery<{ m: string; tokenHash: string }, ReturnType<typeof findSessionBuilder>>(findSessionBuilder);
function findSessionBuilder(tx: Tx) {
  return tx
    .select({ session, user: staffUser, municipality })
    .from(session)
    .innerJoin(staffUser, and(eq(staffUser.municipalityId, session.municipalityId), eq(staffUser.id, session.userId)))
    .innerJoin(municipality, eq(municipality.id, session.municipalityId))
    .where(and(eq(session.municipalityId, sql.placeholder('m')), eq(session.tokenHash, sql.placeholder('tokenHash'))))
    .limit(literalLimit(1));
}

export async function findSession(tx: Tx, municipalityId: string, tokenHash: string) {
  const [row] = await findSessionQuery(tx, { m: municipalityId, tokenHash });
  return row ?? null;
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export type EndReason = NonNullable<typeof session.$inferSelect.endReason>;

export async function endSession(ctx: Ctx, tokenHash: string, reason: EndReason): Promise<void> {
  await ctx.tx
    .update(session)
    .set({ endedAt: ctx.now, endReason: reason })
    .where(and(eq(session.municipalityId, ctx.municipalityId), eq(session.tokenHash, tokenHash), isNull(session.endedAt)));
}

export async function endSessionsOfUser(ctx: Ctx, userId: string, reason: EndReason): Promise<void> {
  await ctx.tx
    .update(session)
    .set({ endedAt: ctx.now, endReason: reason })
    .where(and(eq(session.municipalityId, ctx.municipalityId), eq(session.userId, userId), isNull(session.endedAt)));
}

/** Whether a session has run past its idle or absolute limit at `now`. */
export function expiryReason(
  s: { createdAt: Date; lastSeenAt: Date },
  now: Date,
  limits: { idleMs: number; absoluteMs: number },
): 'idle_timeout' | 'absolute_timeout' | null {
  if (now.getTime() - s.createdAt.getTime() >= limits.absoluteMs) return 'absolute_timeout';
  if (now.getTime() - s.lastSeenAt.getTime() >= limits.idleMs) return 'idle_timeout';
  return null;
}

/** Open sessions past a limit, for the sweep that ends and audits them. */
export async function listExpiredSessions(tx: Tx, municipalityId: string, now: Date, limits: { idleMs: number; absoluteMs: number }) {
  const idleBefore = new Date(now.getTime() - limits.idleMs);
  const createdBefore = new Date(now.getTime() - limits.absoluteMs);
  return tx
    .select({ tokenHash: session.tokenHash, userId: session.userId, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt })
    .from(session)
    .where(
      and(
        eq(session.municipalityId, municipalityId),
        isNull(session.endedAt),
        or(lt(session.lastSeenAt, idleBefore), lt(session.createdAt, createdBefore)),
      ),
    )
    .for('update', { skipLocked: true })
    .limit(500);
}

/** How often a session in use is marked as seen. */
export const TOUCH_EVERY_MS = 30_000;

/**
 * Marks the session as seen; skipped when seen in the last 30 s, to spare a write per request.
 *
 * A page asks for several things at once with the same session, so after 30 s several requests come here together.
 * Only one of them updates the row: the others skip a row that another request has locked (SKIP LOCKED) or has
 * already marked since (the look-up's own condition), instead of waiting for that request's COMMIT while holding their
 * own connection. Waiting there queued them one behind the other, each for a whole request: half a second at 20
 * connections in the families benchmark (docs/benchmarks.md, 2026-12-07). Should the request that updated roll back,
 * the next request after it marks the session; the idle limit is counted in minutes.
 */
export async function touchSession(tx: Tx, municipalityId: string, tokenHash: string, lastSeenAt: Date, now: Date) {
  if (now.getTime() - lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
  const unmarked = tx
    .select({ tokenHash: session.tokenHash })
    .from(session)
    .where(and(eq(session.municipalityId, municipalityId), eq(session.tokenHash, tokenHash), lte(session.lastSeenAt, new Date(now.getTime() - TOUCH_EVERY_MS))))
    .for('update', { skipLocked: true });
  await tx
    .update(session)
    .set({ lastSeenAt: now })
    .where(and(eq(session.municipalityId, municipalityId), inArray(session.tokenHash, unmarked)));
}

