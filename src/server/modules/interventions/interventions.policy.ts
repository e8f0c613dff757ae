import { covers, type IsoDate } from '../../../shared/dates.js';
import type { Role } from '../../../shared/roles.js';

/** Who reads the catalogue: staff who choose interventions for a family, and the administrators who keep it. */
export const CATALOGUE_READERS: readonly Role[] = ['coordinator', 'professional', 'manager', 'admin'];

/** Who keeps the catalogue: administrators (code lists and prices, no case content). */
export const CATALOGUE_KEEPERS: readonly Role[] = ['admin'];

/** Who sees the municipality-wide overlap list: managers, for the families they supervise or work with. */
export const OVERLAP_LIST_READERS: readonly Role[] = ['manager'];

/** A catalogue type can be chosen for an intervention starting on `from` when it is active and valid then. */
export function typeUsableOn(type: { active: boolean; validFrom: IsoDate; validTo: IsoDate | null }, from: IsoDate): boolean {
  return type.active && covers({ from: type.validFrom, to: type.validTo }, from);
}
