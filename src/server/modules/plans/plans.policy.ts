import type { FamilyRelation } from '../../../shared/families.js';
import { may, type FamilyAction } from '../families/families.policy.js';

/**
 * Who may do what with a family's plan, in terms of the family actions the families policy already decides:
 * everyone who may read the family reads its plan; the coordinator and the current team write the draft with
 * the family (the same relations that register interventions); only the coordinator publishes a version and
 * records the family's sign-off; the plan is printed for the family by those who work with it.
 */
export const PLAN_ACCESS = {
  read: 'read',
  edit: 'register_intervention',
  publish: 'edit_household',
  signOff: 'edit_household',
  print: 'register_intervention',
} as const satisfies Record<string, FamilyAction>;

export type PlanAction = keyof typeof PLAN_ACCESS;

export function mayOnPlan(relation: FamilyRelation | null, action: PlanAction): boolean {
  return may(relation, PLAN_ACCESS[action]);
}

/** The permissions that travel with the plan to the UI. */
export function planCan(relation: FamilyRelation | null) {
  return {
    edit: mayOnPlan(relation, 'edit'),
    publish: mayOnPlan(relation, 'publish'),
    signOff: mayOnPlan(relation, 'signOff'),
    print: mayOnPlan(relation, 'print'),
  };
}
