import { z } from 'zod';

/** Staff roles (DESIGN.md, Users). A user may hold several. */
export const ROLES = ['coordinator', 'professional', 'manager', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** Roles whose holders can see case data about families; they need a second factor by default. */
export const CASE_DATA_ROLES: readonly Role[] = ['coordinator', 'professional', 'manager'];

/** Who may read the audit log. */
export const AUDIT_READER_ROLES: readonly Role[] = ['manager', 'admin'];

export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((r) => wanted.includes(r));
}
