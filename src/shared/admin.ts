import { z } from 'zod';
import { EmailSchema, NewPasswordSchema, PersonNameSchema } from './auth.js';
import { SupportStatusSchema } from './measurements.js';
import { RoleSchema } from './roles.js';
import { idError } from './field-messages.js';

export const DepartmentDto = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  activeUsers: z.number().int(),
});
export type DepartmentDto = z.infer<typeof DepartmentDto>;

export const DepartmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'department_code' });

export const CreateDepartmentBody = z.strictObject({
  code: DepartmentCodeSchema,
  name: z.string().trim().min(1, { error: 'required' }).max(120),
});

export const UpdateDepartmentBody = z.strictObject({
  name: z.string().trim().min(1, { error: 'required' }).max(120).optional(),
  active: z.boolean().optional(),
});

export const UserDto = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(RoleSchema),
  profession: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  active: z.boolean(),
  mfaEnrolled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof UserDto>;

const ProfessionSchema = z.string().trim().max(120);

export const CreateUserBody = z.strictObject({
  email: EmailSchema,
  name: PersonNameSchema,
  roles: z.array(RoleSchema).min(1, { error: 'roles_required' }),
  profession: ProfessionSchema.optional(),
  departmentId: z.uuid().nullable().optional(),
  /** A first password the administrator hands over; the user must change it at first login. */
  initialPassword: NewPasswordSchema,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.strictObject({
  name: PersonNameSchema.optional(),
  roles: z.array(RoleSchema).min(1, { error: 'roles_required' }).optional(),
  profession: ProfessionSchema.nullable().optional(),
  departmentId: z.uuid().nullable().optional(),
});

export const ResetPasswordBody = z.strictObject({ newPassword: NewPasswordSchema });

export const SettingsDto = z.object({
  mfaRequiredRoles: z.array(RoleSchema),
  /** The support codes that count as public support (offentlig forsørgelse) in the KPIs; the jobindsats.dk list until changed. */
  publicSupportStatuses: z.array(SupportStatusSchema),
});
export const UpdateSettingsBody = z.strictObject({
  mfaRequiredRoles: z.array(RoleSchema),
  /** Absent: unchanged. */
  publicSupportStatuses: z.array(SupportStatusSchema).optional(),
});
export type SettingsDto = z.infer<typeof SettingsDto>;
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBody>;

export const IdParams = z.strictObject({ id: z.uuid({ error: idError }) });
