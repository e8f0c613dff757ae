import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { RevealBody } from '../../../shared/families.js';
import { audit } from '../../audit/audit.js';
import type { Ctx } from '../../context.js';
import { fieldError } from '../../errors.js';
import { requireFamily } from './families.access.js';
import { familyMember, person } from './families.table.js';

/** Shows a member's full CPR number or protected address: an explicit action, audited with its purpose. */
export async function revealPersonField(ctx: Ctx, familyId: string, personId: string, body: z.infer<typeof RevealBody>): Promise<string | null> {
  await requireFamily(ctx, familyId, 'reveal');
  const [row] = await ctx.tx
    .select({ cpr: person.cpr, address: person.address })
    .from(familyMember)
    .innerJoin(person, and(eq(person.municipalityId, familyMember.municipalityId), eq(person.id, familyMember.personId)))
    .where(and(eq(familyMember.municipalityId, ctx.municipalityId), eq(familyMember.familyId, familyId), eq(familyMember.personId, personId)));
  if (!row) throw fieldError('personId', 'unknown_person');
  await audit(ctx, {
    action: body.what === 'cpr' ? 'person.reveal_cpr' : 'person.reveal_address',
    targetType: 'person',
    targetId: personId,
    personIds: [personId],
    purpose: body.purpose,
    details: { familyId },
  });
  return body.what === 'cpr' ? row.cpr : row.address;
}
