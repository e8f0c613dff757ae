import type { FamilyOverview } from '../families.api';
import type { Intervention } from '../../interventions/interventions.api';

const FAMILY = '00000000-0000-4000-8000-000000000001';
export const MOTHER_ID = '00000000-0000-4000-8000-000000000011';
export const CHILD_ID = '00000000-0000-4000-8000-000000000012';
const BFA = '00000000-0000-4000-8000-000000000021';
const VH = '00000000-0000-4000-8000-000000000022';

export function intervention(over: Partial<Intervention>): Intervention {
  return {
    id: '00000000-0000-4000-8000-000000000031',
    familyId: FAMILY,
    personId: MOTHER_ID,
    typeId: '00000000-0000-4000-8000-000000000041',
    typeName: 'Familiebehandling',
    category: 'family_support',
    departmentId: BFA,
    departmentName: 'Børne- og Familieafdelingen',
    legalBasis: 'Barnets lov § 32, stk. 1, nr. 3',
    provider: null,
    from: '2025-01-01',
    to: null,
    price: { amount: 12000, per: 'month' },
    hoursPerWeek: null,
    note: null,
    monthlyCost: 12000,
    current: true,
    version: 1,
    ...over,
  };
}

/** A family overview as the API answers it: a mother and her daughter, active, two overlapping interventions. */
export function overviewFixture(over: { can?: Partial<FamilyOverview['can']>; data?: Partial<FamilyOverview['data']> } = {}): FamilyOverview {
  const a = intervention({});
  const b = intervention({
    id: '00000000-0000-4000-8000-000000000032',
    typeId: '00000000-0000-4000-8000-000000000042',
    typeName: 'Støtte-kontaktperson',
    departmentId: VH,
    departmentName: 'Voksen/Handicap',
    legalBasis: 'Serviceloven § 85',
    from: '2025-02-01',
    price: { amount: 450, per: 'hour' },
    hoursPerWeek: 3,
    monthlyCost: (450 * 3 * 30.4375) / 7,
  });
  const side = (i: Intervention) => ({ id: i.id, typeId: i.typeId, typeName: i.typeName, category: i.category, departmentId: i.departmentId, departmentName: i.departmentName, from: i.from, to: i.to });
  return {
    data: {
      id: FAMILY,
      familyNames: ['Hansen'],
      status: 'active',
      version: 7,
      referredAt: '2024-12-01',
      enrolledAt: '2024-12-15',
      completedAt: null,
      withdrawnAt: null,
      completionReason: null,
      relation: 'coordinator',
      members: [
        { personId: MOTHER_ID, role: 'parent', givenName: 'Maja', familyName: 'Hansen', birthDate: '1990-03-15', age: 35, sex: 'female', cprMasked: '150390-xxxx', preferredLanguage: null, interpreterNeeded: false, phone: null, email: null, address: null, protectedAddress: true, custodyHolderIds: [] },
        { personId: CHILD_ID, role: 'child', givenName: 'Ida', familyName: 'Hansen', birthDate: '2018-07-02', age: 7, sex: 'female', cprMasked: '020718-xxxx', preferredLanguage: null, interpreterNeeded: false, phone: null, email: null, address: 'Søborg Hovedgade 1', protectedAddress: false, custodyHolderIds: [MOTHER_ID] },
      ],
      consents: [],
      activationBlockers: null,
      coordinator: { userId: '00000000-0000-4000-8000-000000000051', name: 'Kim Koordinator', email: 'kim@gladsaxe.dk', departmentName: 'Børne- og Familieafdelingen', since: '2024-12-01' },
      coordinatorHistory: [],
      team: [],
      statusHistory: [],
      interventions: {
        current: [a, b],
        past: [],
        monthlyCostTotal: a.monthlyCost + b.monthlyCost,
        monthlyCostByDepartment: [
          { departmentId: BFA, departmentName: 'Børne- og Familieafdelingen', monthlyCost: a.monthlyCost },
          { departmentId: VH, departmentName: 'Voksen/Handicap', monthlyCost: b.monthlyCost },
        ],
        overlaps: [{ familyId: FAMILY, personId: MOTHER_ID, reason: 'same_category', a: side(a), b: side(b), period: { from: '2025-02-01', to: null } }],
        hiddenByConsent: 0,
      },
      plan: null,
      nextMeeting: null,
      openTasks: [],
      openTasksHiddenByConsent: 0,
      latestNotes: [],
      recentActivity: [],
      ...over.data,
    },
    can: { editHousehold: true, recordConsent: true, transition: true, assignCoordinator: true, manageTeam: true, registerIntervention: true, reveal: true, ...over.can },
  };
}
