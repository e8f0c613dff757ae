import { ROLES, type Role } from '../../../shared/roles';
import type { MessageKey, Translate } from '../../i18n/I18nProvider';

const ROLE_KEYS: Record<Role, MessageKey> = {
  coordinator: 'role.coordinator',
  professional: 'role.professional',
  manager: 'role.manager',
  analyst: 'role.analyst',
  admin: 'role.admin',
};

export function roleLabel(t: Translate, role: Role): string {
  return t(ROLE_KEYS[role]);
}

/** Roles in their canonical order, as options for checkboxes. */
export function roleOptions(t: Translate): Array<{ value: Role; label: string }> {
  return ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }));
}

export function roleList(t: Translate, roles: readonly Role[]): string {
  return ROLES.filter((r) => roles.includes(r))
    .map((r) => roleLabel(t, r))
    .join(', ');
}
