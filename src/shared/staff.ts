import { z } from 'zod';
import { RoleSchema } from './roles.js';

export const StaffQuery = z.strictObject({
  role: RoleSchema.optional(),
  departmentId: z.uuid().optional(),
});

/** The staff directory: who can be chosen as coordinator or team member. Names and units only. */
export const StaffDirectoryDto = z.object({
  staff: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      roles: z.array(RoleSchema),
      profession: z.string().nullable(),
      departmentId: z.uuid().nullable(),
      departmentName: z.string().nullable(),
    }),
  ),
});
