import type { FamilyRelation } from '../../../shared/families.js';
import { hasAnyRole } from '../../../shared/roles.js';
import type { Actor } from '../../context.js';

/** What the database knows about the actor's relation to one family. */
export interface FamilyFacts {
  coordinatorUserId: string | null;
  /** The coordinator's department: the unit whose managers supervise the family. */
  coordinatorDepartmentId: string | null;
  /** The actor's current team memberships on the family (their departments). */
  teamDepartmentIds: string[];
  /** The actor has an unexpired break-the-glass access to the family. */
  breakGlass: boolean;
  /**
   * Departments covered by the family's consents in force today; null while no consent was ever recorded
   * (referral and assessment), when the team works under the assessment's own basis.
   */
  consentDepartmentIds: string[] | null;
}

/** Roles that may ever see case content. Administrators and analysts never do. */
const CASE_ROLES = ['coordinator', 'professional', 'manager'] as const;

/**
 * How the actor stands to the family, or null: deny by default. A team member counts only while the
 * family's consent covers their department (a withdrawn consent narrows the team).
 */
export function familyRelation(actor: Actor, f: FamilyFacts): FamilyRelation | null {
  if (!hasAnyRole(actor.roles, CASE_ROLES)) return null;
  if (f.coordinatorUserId === actor.userId && hasAnyRole(actor.roles, ['coordinator', 'manager'])) return 'coordinator';
  // A manager of the coordinator's unit stays its manager when also on the team: supervision (status, reassignment)
  // must not be lost by joining the team. The team's own writes are then the coordinator's and the other members'.
  if (hasAnyRole(actor.roles, ['manager']) && actor.departmentId !== null && actor.departmentId === f.coordinatorDepartmentId) {
    return 'manager';
  }
  const coveredTeam = f.teamDepartmentIds.some((d) => f.consentDepartmentIds === null || f.consentDepartmentIds.includes(d));
  if (coveredTeam) return 'team';
  if (f.breakGlass) return 'break_glass';
  return null;
}

export type FamilyAction =
  | 'read'
  | 'edit_household'
  | 'record_consent'
  | 'transition'
  | 'assign_coordinator'
  | 'manage_team'
  | 'register_intervention'
  | 'reveal';

const ALLOWED: Record<FamilyAction, readonly FamilyRelation[]> = {
  read: ['coordinator', 'team', 'manager', 'break_glass'],
  edit_household: ['coordinator'],
  record_consent: ['coordinator'],
  transition: ['coordinator', 'manager'],
  assign_coordinator: ['coordinator', 'manager'],
  manage_team: ['coordinator'],
  register_intervention: ['coordinator', 'team'],
  reveal: ['coordinator', 'team'],
};

export function may(relation: FamilyRelation | null, action: FamilyAction): boolean {
  return relation !== null && ALLOWED[action].includes(relation);
}

/** The permissions that travel with a family to the UI. */
export function familyCan(relation: FamilyRelation | null) {
  return {
    editHousehold: may(relation, 'edit_household'),
    recordConsent: may(relation, 'record_consent'),
    transition: may(relation, 'transition'),
    assignCoordinator: may(relation, 'assign_coordinator'),
    manageTeam: may(relation, 'manage_team'),
    registerIntervention: may(relation, 'register_intervention'),
    reveal: may(relation, 'reveal'),
  };
}

/** Who may break the glass: staff with a case role. */
export function mayBreakGlass(actor: Actor): boolean {
  return hasAnyRole(actor.roles, CASE_ROLES);
}
