import { familySurnames } from '../../../shared/families.js';
import { audit } from '../../audit/audit.js';
import type { Ctx } from '../../context.js';
import { AppError } from '../../errors.js';
import { findDepartment } from '../admin/departments.repository.js';
import { requireFamily } from '../families/families.access.js';
import { membersOf } from '../families/persons.repository.js';
import { renderPlanPdf, type PlanPdfData } from './plan-pdf.js';
import { PLAN_ACCESS } from './plans.policy.js';
import { narrowSnapshot, responsibleName } from './plans.presenter.js';
import { findPlanByFamily, findVersion, listLifeDomains, listSignOffs, nextPlannedMeeting, staffNames } from './plans.repository.js';
import { memberIds, namesFor } from './plans.service.js';

/**
 * The current version of the family's plan as a PDF to give the family, in plain Danish or English: goals per
 * life domain in the family's words, who does what by when, the next review and meeting, the coordinator's
 * contact. Printing is audited naming every member of the family.
 */
export async function printPlan(ctx: Ctx, familyId: string, lang: 'da' | 'en'): Promise<{ filename: string; pdf: Buffer }> {
  const { family, relation, kinds } = await requireFamily(ctx, familyId, PLAN_ACCESS.print);
  const plan = await findPlanByFamily(ctx.tx, ctx.municipalityId, familyId);
  const version = plan?.currentVersionId ? await findVersion(ctx.tx, ctx.municipalityId, plan.id, plan.currentVersionId) : undefined;
  if (!plan || !version) throw new AppError('plan_not_published');

  const members = await membersOf(ctx.tx, ctx.municipalityId, familyId);
  // A team member prints only what their consent covers (decision 0017); the coordinator prints the whole plan.
  const { snapshot, hidden } = narrowSnapshot(version.snapshot, kinds);
  const names = await namesFor(ctx, members, [snapshot]);
  const domains = await listLifeDomains(ctx.tx, ctx.municipalityId);
  const label = (code: string) => {
    const d = domains.find((x) => x.code === code);
    return d ? (lang === 'da' ? d.labelDa : d.labelEn) : code;
  };
  const rank = (code: string) => {
    const i = domains.findIndex((d) => d.code === code);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const domainCodes = [...new Set(snapshot.goals.map((g) => g.domain))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

  const [coordinator] = family.coordinatorUserId ? await staffNames(ctx.tx, ctx.municipalityId, [family.coordinatorUserId]) : [];
  const coordinatorDepartment = coordinator?.departmentId ? await findDepartment(ctx.tx, ctx.municipalityId, coordinator.departmentId) : undefined;
  const meeting = await nextPlannedMeeting(ctx.tx, ctx.municipalityId, familyId, ctx.now);
  const signOffs = await listSignOffs(ctx.tx, ctx.municipalityId, [version.id]);

  const data: PlanPdfData = {
    lang,
    familyNames: familySurnames(members.filter((m) => m.member.to === null).map((m) => m.person.familyName)),
    versionNumber: version.number,
    publishedAt: version.publishedAt,
    nextReviewDate: version.nextReviewDate,
    domains: domainCodes.map((code) => ({
      label: label(code),
      goals: snapshot.goals
        .filter((g) => g.domain === code)
        .map((g) => ({
          title: g.title,
          forWhom: g.personId ? (names.persons.get(g.personId) ?? null) : null,
          horizon: g.horizon,
          successCriterion: g.successCriterion,
          targetDate: g.targetDate,
          status: g.status,
          legalRequirement: g.legalRequirement,
          gas: g.gas,
          actions: g.actions.map((a) => ({ what: a.what, who: responsibleName(a.responsible, names) ?? '–', due: a.due, doneAt: a.doneAt })),
        })),
    })),
    baseline: snapshot.baseline.map((b) => ({ label: label(b.domain), score: b.score, text: b.text })),
    nextMeeting: meeting ? { startsAt: meeting.startsAt, endsAt: meeting.endsAt, place: meeting.place, onlineUrl: meeting.onlineUrl } : null,
    coordinator: coordinator ? { name: coordinator.name, email: coordinator.email, department: coordinatorDepartment?.name ?? null } : null,
    signOffs: signOffs.map((s) => ({ name: `${s.givenName} ${s.familyName}`, signedAt: s.signOff.signedAt, how: s.signOff.how })),
    generatedAt: ctx.now,
  };
  const pdf = await renderPlanPdf(data);
  await audit(ctx, {
    action: 'plan.print',
    targetType: 'family',
    targetId: familyId,
    personIds: memberIds(members),
    details: { relation, planId: plan.id, versionId: version.id, number: version.number, lang, hiddenByConsent: hidden },
  });
  return { filename: `helhedsplan-v${version.number}.pdf`, pdf };
}
