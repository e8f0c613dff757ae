import { CONSENT_KINDS, FAMILY_STATUSES, HOW_GIVEN, MEMBER_ROLES, type ChangeCause, type ConsentKind, type FamilyRelation, type FamilyStatus, type HowGiven, type MemberRole } from '../../../shared/families';
import type { MessageKey, Translate } from '../../i18n/I18nProvider';

const STATUS_KEYS: Record<FamilyStatus, MessageKey> = {
  referred: 'familyStatus.referred',
  assessing: 'familyStatus.assessing',
  active: 'familyStatus.active',
  paused: 'familyStatus.paused',
  completed: 'familyStatus.completed',
  declined: 'familyStatus.declined',
  withdrawn: 'familyStatus.withdrawn',
};

const MEMBER_ROLE_KEYS: Record<MemberRole, MessageKey> = {
  parent: 'memberRole.parent',
  child: 'memberRole.child',
  other: 'memberRole.other',
};

const KIND_KEYS: Record<ConsentKind, MessageKey> = {
  employment: 'consentKind.employment',
  economy: 'consentKind.economy',
  housing: 'consentKind.housing',
  health: 'consentKind.health',
  child_welfare: 'consentKind.child_welfare',
  school_daycare: 'consentKind.school_daycare',
  family_situation: 'consentKind.family_situation',
};

const HOW_KEYS: Record<HowGiven, MessageKey> = {
  written: 'howGiven.written',
  oral: 'howGiven.oral',
  digital: 'howGiven.digital',
};

const RELATION_KEYS: Record<FamilyRelation, MessageKey> = {
  coordinator: 'relation.coordinator',
  team: 'relation.team',
  manager: 'relation.manager',
  break_glass: 'relation.break_glass',
};

export const statusLabel = (t: Translate, s: FamilyStatus) => t(STATUS_KEYS[s]);
export const memberRoleLabel = (t: Translate, r: MemberRole) => t(MEMBER_ROLE_KEYS[r]);
export const consentKindLabel = (t: Translate, k: ConsentKind) => t(KIND_KEYS[k]);
export const howGivenLabel = (t: Translate, h: HowGiven) => t(HOW_KEYS[h]);
export const relationLabel = (t: Translate, r: FamilyRelation) => t(RELATION_KEYS[r]);

export const statusOptions = (t: Translate) => FAMILY_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }));
export const memberRoleOptions = (t: Translate) => MEMBER_ROLES.map((r) => ({ value: r, label: memberRoleLabel(t, r) }));
export const consentKindOptions = (t: Translate) => CONSENT_KINDS.map((k) => ({ value: k, label: consentKindLabel(t, k) }));
export const howGivenOptions = (t: Translate) => HOW_GIVEN.map((h) => ({ value: h, label: howGivenLabel(t, h) }));

/** The badge colour of a status: open and well (green), waiting (neutral), paused (warning), ended without success (error). */
export function statusBadgeClass(s: FamilyStatus): string {
  switch (s) {
    case 'active':
      return 'badge badge-success';
    case 'paused':
      return 'badge badge-warning';
    case 'declined':
    case 'withdrawn':
      return 'badge badge-error';
    default:
      return 'badge badge-neutral';
  }
}

const CAUSE_KEYS: Record<ChangeCause, MessageKey> = {
  created_directly: 'changeCause.created_directly',
  referral_accepted: 'changeCause.referral_accepted',
  consent_withdrawn: 'changeCause.consent_withdrawn',
  imported: 'changeCause.imported',
};

/**
 * Why a status or coordinator changed, in the reader's language: the system's cause, then the person's own words
 * ("Samtykke trukket tilbage: Moren ønsker ikke at dele"), or either alone.
 */
export function changeReasonLabel(t: Translate, change: { reason: string | null; cause: ChangeCause | null }): string {
  const cause = change.cause ? t(CAUSE_KEYS[change.cause]) : null;
  if (cause && change.reason) return t('changeCause.withReason', { cause, reason: change.reason });
  return cause ?? change.reason ?? '';
}

/**
 * A family's name in the reader's language from its surnames (`familySurnames` on the server): "Familien
 * Ali/Hansen" or "The Ali/Hansen family"; "Familie uden efternavn" / "Family without a surname" when no member
 * has one.
 */
export function familyLabel(t: Translate, familyNames: readonly string[]): string {
  return familyNames.length === 0 ? t('family.nameUnknown') : t('family.name', { names: familyNames.join('/') });
}

/** A person's full name. */
export function fullName(p: { givenName: string | null; familyName: string | null }): string {
  return [p.givenName, p.familyName].filter(Boolean).join(' ');
}
