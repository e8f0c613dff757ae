import { hasAnyRole, type Role } from '../../../shared/roles.js';
import type { Actor } from '../../context.js';

/** Who sees the evaluation: managers and analysts. Aggregates only, never a person. */
export const EVALUATION_ROLES: readonly Role[] = ['manager', 'analyst'];

/** Analysts see every count exactly; everyone else sees counts of 1–4 as "<5" (DESIGN.md, dashboards). */
export function seesExactCounts(actor: Actor): boolean {
  return hasAnyRole(actor.roles, ['analyst']);
}
