/** Every table, for Drizzle and drizzle-kit. Tables live beside the module that owns them. */
export { municipality } from './municipality.table.js';
export { department } from '../modules/admin/departments.table.js';
export { staffUser } from '../modules/admin/users.table.js';
export { session } from '../auth/sessions.table.js';
export { auditEvent } from '../audit/audit.table.js';
