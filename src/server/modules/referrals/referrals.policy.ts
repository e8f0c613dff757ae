import { hasAnyRole, type Role } from '../../../shared/roles.js';
import type { Actor } from '../../context.js';

/** Who may refer, ask whether a person is in an effort and follow their own referrals: staff with a case role. Administrators and analysts see no case content. */
export const REFERRER_ROLES: readonly Role[] = ['coordinator', 'professional', 'manager'];

/** Who visitates (the queue, accept, decline, forward). */
export const VISITATOR_ROLES: readonly Role[] = ['coordinator', 'manager'];

export function canVisitate(actor: Actor): boolean {
  return hasAnyRole(actor.roles, VISITATOR_ROLES);
}

/** The decisions the actor may take on a referral; they travel with it to the UI. */
export function referralCan(actor: Actor, status: string) {
  const open = status === 'open' && canVisitate(actor);
  return { accept: open, decline: open, forward: open };
}
