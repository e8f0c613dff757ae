import type { FamilyRelation } from '../../../shared/families.js';
import { CASE_DATA_ROLES, hasAnyRole, type Role } from '../../../shared/roles.js';

/** Who has tasks: every staff user with a case role. Administrators and analysts see no case content. */
export const TASK_ROLES: readonly Role[] = CASE_DATA_ROLES;

export function hasTasks(roles: readonly Role[]): boolean {
  return hasAnyRole(roles, TASK_ROLES);
}

/**
 * Who may change a task (close, reopen, move, retitle, hand on): the one it is assigned to, or the family's
 * coordinator when it is for a family.
 */
export function mayChangeTask(actorUserId: string, task: { assigneeUserId: string }, relation: FamilyRelation | null): boolean {
  return task.assigneeUserId === actorUserId || relation === 'coordinator';
}

/**
 * A task for a family goes only to someone who works with the family for good: its coordinator, a team
 * member covered by the consent, or the supervising manager. Break-the-glass access is temporary and does not count.
 */
export function mayBeAssigned(relation: FamilyRelation | null): boolean {
  return relation === 'coordinator' || relation === 'team' || relation === 'manager';
}
