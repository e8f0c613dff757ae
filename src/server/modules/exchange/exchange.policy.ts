import { hasAnyRole, type Role } from '../../../shared/roles.js';
import type { Actor } from '../../context.js';

/** Decision 0014: an import writes case data but shows none back — the municipality's administrators. */
export const IMPORT_ROLES: readonly Role[] = ['admin'];
/** CPR, names and the sender's refs leave the system in clear only for administrators. */
export const CLEAR_EXPORT_ROLES: readonly Role[] = ['admin'];
/** Without CPR and names, refs hashed: what an evaluator receives — administrators and analysts. */
export const PSEUDONYMISED_EXPORT_ROLES: readonly Role[] = ['admin', 'analyst'];

export function canImportExchange(actor: Actor): boolean {
  return hasAnyRole(actor.roles, IMPORT_ROLES);
}

export function exportRoles(pseudonymise: boolean): readonly Role[] {
  return pseudonymise ? PSEUDONYMISED_EXPORT_ROLES : CLEAR_EXPORT_ROLES;
}

export function canExportExchange(actor: Actor, pseudonymise: boolean): boolean {
  return hasAnyRole(actor.roles, exportRoles(pseudonymise));
}
