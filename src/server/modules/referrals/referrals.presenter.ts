import { maskCpr, parseCpr } from '../../../shared/cpr.js';
import type { MyReferralDto, ReferralDto, ReferralPerson } from '../../../shared/referrals.js';
import type { Actor } from '../../context.js';
import type { EarlySign } from './early-signs.repository.js';
import { referralCan } from './referrals.policy.js';
import type { PersonEffort, Referral } from './referrals.repository.js';

/** Labels of every sign, inactive ones included: an old referral keeps the words it was filed with. */
export type SignLabels = Map<string, Pick<EarlySign, 'labelDa' | 'labelEn'>>;

export function signLabelsOf(signs: EarlySign[]): SignLabels {
  return new Map(signs.map((s) => [s.code, { labelDa: s.labelDa, labelEn: s.labelEn }]));
}

function presentSigns(codes: string[], labels: SignLabels) {
  return codes.map((code) => ({ code, labelDa: labels.get(code)?.labelDa ?? code, labelEn: labels.get(code)?.labelEn ?? code }));
}

/** A person as the referrer entered them; the CPR masked, the birth date read from it when not entered. */
function presentPerson(p: ReferralPerson) {
  const parsed = p.cpr ? parseCpr(p.cpr) : null;
  return {
    cpr: p.cpr ? maskCpr(p.cpr) : null,
    givenName: p.givenName ?? null,
    familyName: p.familyName ?? null,
    birthDate: p.birthDate ?? (parsed?.ok ? parsed.birthDate : null),
    role: p.role ?? null,
  };
}

export interface QueueRow {
  referral: Referral;
  referrerName: string;
  departmentName: string | null;
  deciderName: string | null;
}

/** A referral for visitation: who referred, the signs, the persons and whether each is already in an effort. */
export function presentReferral(row: QueueRow, labels: SignLabels, efforts: Map<string, PersonEffort>, actor: Actor): ReferralDto {
  const r = row.referral;
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    status: r.status,
    referrer: { name: row.referrerName, department: row.departmentName, profession: r.profession },
    signs: presentSigns(r.signs, labels),
    note: r.note,
    persons: r.persons.map((p) => {
      const effort = p.cpr ? efforts.get(p.cpr) : undefined;
      return {
        ...presentPerson(p),
        inEffort: p.cpr ? (effort?.inEffort ?? false) : null,
        coordinator: effort?.inEffort ? effort.coordinator : null,
      };
    }),
    decision: r.decidedAt ? { reason: r.decisionReason, at: r.decidedAt.toISOString(), byName: row.deciderName } : null,
    familyId: r.familyId,
    can: referralCan(actor, r.status),
  };
}

/** The referrer's own referral: the outcome and what they entered; nothing about the family. */
export function presentMine(r: Referral, labels: SignLabels): MyReferralDto {
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    status: r.status,
    decisionReason: r.decisionReason,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    signs: presentSigns(r.signs, labels),
    note: r.note,
    persons: r.persons.map(presentPerson),
  };
}
