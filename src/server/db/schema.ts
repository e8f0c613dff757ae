/** Every table, for Drizzle and drizzle-kit. Tables live beside the module that owns them. */
export { municipality } from './municipality.table.js';
export { department } from '../modules/admin/departments.table.js';
export { staffUser } from '../modules/admin/users.table.js';
export { session } from '../auth/sessions.table.js';
export { auditChainHead, auditEvent } from '../audit/audit.table.js';
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
export { lifeDomain, plan, planBaseline, planGoal, planAction, planVersion, planSignOff, interventionGoal, goalRating, goalRatingProgress } from '../modules/plans/plans.table.js';
export { meeting, meetingParticipant, meetingDecision } from '../modules/meetings/meetings.table.js';
export { journalNote, journalAddendum } from '../modules/journal/journal.table.js';
export { task } from '../modules/tasks/tasks.table.js';
export { supportStatusPeriod, childWelfarePeriod, concernReport, schoolAttendance, assessment } from '../modules/measurements/measurements.table.js';
export { exchangeImportJob } from '../modules/exchange/import-jobs.table.js';
