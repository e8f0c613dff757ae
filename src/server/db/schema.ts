/** Every table, for Drizzle and drizzle-kit. Tables live beside the module that owns them. */
export { municipality } from './municipality.table.js';
export { department } from '../modules/admin/departments.table.js';
export { staffUser } from '../modules/admin/users.table.js';
export { session } from '../auth/sessions.table.js';
export { auditEvent } from '../audit/audit.table.js';
export {
  family,
  familyStatusEvent,
  person,
  familyMember,
  custody,
  consent,
  coordinatorAssignment,
  teamMember,
  breakGlassAccess,
} from '../modules/families/families.table.js';
export { earlySign, referral } from '../modules/referrals/referrals.table.js';
export { interventionType, intervention } from '../modules/interventions/interventions.table.js';
