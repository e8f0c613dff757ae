import type { Translate } from '../../i18n/I18nProvider';
import type { FamilyData } from '../families/families.api';
import { fullName } from '../families/labels';
import type { DepartmentOption } from '../staff/staff.api';

/** Who can be responsible for an action (or a decision): the family's members, its coordinator and team, and departments. */
export function responsibleOptions(t: Translate, family: FamilyData, departments: readonly DepartmentOption[]): Array<{ value: string; label: string }> {
  const staff = new Map<string, string>();
  if (family.coordinator) staff.set(family.coordinator.userId, family.coordinator.name);
  for (const m of family.team) if (m.current) staff.set(m.userId, m.name);
  return [
    ...family.members.map((m) => ({ value: `person:${m.personId}`, label: t('responsible.person', { name: fullName(m) }) })),
    ...[...staff].map(([id, name]) => ({ value: `staff:${id}`, label: t('responsible.staff', { name }) })),
    ...departments.map((d) => ({ value: `department:${d.id}`, label: t('responsible.department', { name: d.name }) })),
  ];
}

/** The coordinator and the current team: the staff a task or decision can be given to. */
export function familyStaff(family: FamilyData): Array<{ id: string; name: string }> {
  const staff = new Map<string, string>();
  if (family.coordinator) staff.set(family.coordinator.userId, family.coordinator.name);
  for (const m of family.team) if (m.current) staff.set(m.userId, m.name);
  return [...staff].map(([id, name]) => ({ id, name }));
}
