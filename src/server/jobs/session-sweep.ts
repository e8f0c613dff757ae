import { randomUUID } from 'node:crypto';
import { audit } from '../audit/audit.js';
import { endSession, expiryReason, listExpiredSessions } from '../auth/sessions.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { inTenant } from '../db/tenant.js';
import { listMunicipalities } from '../modules/setup/municipalities.repository.js';

/**
 * Ends sessions that passed their idle or absolute limit and records `auth.session_expired` for each, so the
 * audit trail shows expiry even when the user never comes back. Safe to run on several servers at once.
 */
export async function sweepExpiredSessions(db: Db, config: Config, now = new Date()): Promise<number> {
  const limits = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  let ended = 0;
  for (const m of await listMunicipalities(db)) {
    ended += await inTenant(db, m.id, async (tx) => {
      const expired = await listExpiredSessions(tx, m.id, now, limits);
      const ctx = { tx, municipalityId: m.id, actor: null, requestId: `sweep-${randomUUID()}`, lang: 'da' as const, now };
      for (const s of expired) {
        const reason = expiryReason(s, now, limits) ?? 'idle_timeout';
        await endSession(ctx, s.tokenHash, reason);
        await audit(ctx, { action: 'auth.session_expired', targetType: 'user', targetId: s.userId, details: { reason } });
      }
      return expired.length;
    });
  }
  return ended;
}
