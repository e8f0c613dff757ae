import { ALL_CONSENT_KINDS } from '../../../shared/consent-kinds.js';
import { CONSENT_KINDS, type ConsentKind, type ConsentScope } from '../../../shared/families.js';
import { hasAnyRole } from '../../../shared/roles.js';
import type { Actor } from '../../context.js';
import { familyRelation, type FamilyFacts } from './families.policy.js';

/**
 * The kinds of information about the family the actor may see (decision 0017). A team member sees a kind only
 * when a consent in force names both one of their current team departments and that kind. The coordinator,
 * the managers of the coordinator's unit and break-the-glass are not narrowed: the coordinator is the family's
 * single entry, and consent governs what departments share with each other. Before any consent is recorded
 * (referral, assessment), the team works under the assessment's own basis, as for access itself (0009).
 * Nobody without a relation sees anything.
 */
export function visibleKinds(actor: Actor, facts: FamilyFacts, consentsInForce: readonly ConsentScope[]): ConsentKind[] {
  const relation = familyRelation(actor, facts);
  if (relation === null) return [];
  if (relation !== 'team') return [...ALL_CONSENT_KINDS];
  const unitManager = hasAnyRole(actor.roles, ['manager']) && actor.departmentId !== null && actor.departmentId === facts.coordinatorDepartmentId;
  if (unitManager || facts.breakGlass || facts.consentDepartmentIds === null) return [...ALL_CONSENT_KINDS];
  const kinds = new Set<ConsentKind>();
  for (const scope of consentsInForce) {
    if (scope.departmentIds.some((d) => facts.teamDepartmentIds.includes(d))) for (const k of scope.kinds) kinds.add(k);
  }
  return CONSENT_KINDS.filter((k) => kinds.has(k));
}
