import { hasAnyRole, type Role } from '../../shared/roles.js';
import { audit } from '../audit/audit.js';
import type { Actor, Ctx } from '../context.js';
import { AppError } from '../errors.js';

/** Administration of users, departments and settings. No case content. */
export function canAdminister(actor: Actor): boolean {
  return hasAnyRole(actor.roles, ['admin']);
}

/** Reading the audit log: managers (supervision, break-the-glass review) and administrators. */
export function canReadAudit(actor: Actor): boolean {
  return hasAnyRole(actor.roles, ['manager', 'admin']);
}

/** The actor, or a 401 when the context has none. */
export function actorOf(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('not_authenticated');
  return ctx.actor;
}

/**
 * Refuses unless the actor holds one of the roles. The refusal is audited (outcome denied) and committed
 * even though the request fails.
 */
export async function requireRole(ctx: Ctx, allowed: readonly Role[], attempted: string): Promise<void> {
  const actor = actorOf(ctx);
  if (hasAnyRole(actor.roles, allowed)) return;
  await audit(ctx, { action: 'access.denied', outcome: 'denied', details: { attempted } });
  throw new AppError('forbidden').keepingWrites();
}
