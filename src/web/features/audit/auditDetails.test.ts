// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import daMessages from '../../i18n/da.json';
import enMessages from '../../i18n/en.json';
import { translate, type MessageKey, type Vars } from '../../i18n/I18nProvider';
import { detailLines, type DetailLine } from './auditDetails';
import { DETAIL_LABELS, DETAIL_VALUE_LABELS } from './detailLabels';

const da = (key: MessageKey, vars?: Vars) => translate('da', key, vars);
const en = (key: MessageKey, vars?: Vars) => translate('en', key, vars);
const flat = (lines: DetailLine[]): string[] => lines.flatMap((l) => [`${l.label}: ${l.value}`, ...(l.children ? flat(l.children).map((c) => `  ${c}`) : [])]);

/**
 * Every key the server and the CLI write into audit details (src/server, src/cli: the `details` of each
 * audit call, nested objects included), collected when detailLabels.ts was written. Add a key here, and a
 * label, when the server starts recording a new one.
 */
const SERVER_DETAIL_KEYS = [
  'absencePercent', 'action', 'actionId', 'active', 'actorUserId', 'addendumId', 'after', 'agendaGoalIds',
  'agendaGoals', 'agendaGoalsHiddenByConsent', 'agendaGoalsShown', 'amount', 'asOf', 'assessmentId', 'assessmentIds',
  'assessments', 'assigneeUserId', 'attempted', 'attended', 'attendees', 'baseline', 'becomes', 'before', 'bytes',
  'category', 'cause', 'changed', 'child', 'childWelfare', 'childWelfarePeriods', 'closedAsMet', 'code', 'cohorts',
  'concernReports', 'consentExpiry', 'coordinatorId', 'coordinatorUserId', 'coordinators', 'corrected', 'count',
  'counts', 'cpr', 'cprHash', 'created', 'criteria', 'currentVersion', 'date', 'decisionId', 'decisions',
  'departmentId', 'departmentIds', 'departments', 'dir', 'domain', 'draftVersion', 'due', 'email', 'ended', 'endsAt',
  'exact', 'exists', 'expiresAt', 'families', 'familyId', 'familyIds', 'fields', 'fileMunicipality', 'firstLoad',
  'firstPointer', 'flagged', 'format', 'found', 'from', 'givenAt', 'goalId', 'goalIds', 'goalRating',
  'goalRatingIntervalMonths', 'goals', 'goalsHiddenByConsent', 'goalsShown', 'hasDescription', 'hasNote',
  'hiddenByConsent', 'horizon', 'hours', 'hoursPerWeek', 'how', 'howGiven', 'inEffort', 'instrument',
  'instrumentVersion', 'interventionId', 'interventionIds', 'interventionTypes', 'interventions',
  'interventionsHiddenByConsent', 'kind', 'kinds', 'labelDa', 'labelEn', 'lang', 'legalBasis', 'legalRequirement',
  'limit', 'list', 'lookupsLastHour', 'meetingFollowUp', 'meetingId', 'meetingIds', 'meetings', 'members',
  'memberships', 'mfa', 'mfaRequiredRoles', 'minutes', 'municipalityCreated', 'mustChangePassword', 'name',
  'network', 'newFamily', 'nextReviewDate', 'notAccessible', 'notCovered', 'note', 'noteIds', 'notes', 'notesShown',
  'number', 'occurredAt', 'of', 'onlineUrl', 'onlyUnreviewed', 'origin', 'outcome', 'overlaps', 'own', 'per',
  'periodId', 'personId', 'persons', 'place', 'planId', 'planReview', 'previousMeetingId', 'price', 'problems',
  'profession', 'provider', 'pseudonymised', 'publicSupportStatuses', 'q', 'ratings', 'reason', 'recordId',
  'records', 'relation', 'removed', 'reportId', 'respondent', 'responsible', 'restricted', 'role', 'roles', 'rows',
  'schoolAttendance', 'scope', 'score', 'sections', 'seed', 'selection', 'sequence', 'signOffId', 'signedAt',
  'signs', 'size', 'sort', 'sortOrder', 'source', 'staff', 'startsAt', 'status', 'supportPeriods', 'supportStatus',
  'taskId', 'taskIds', 'tasks', 'tasksHiddenByConsent', 'tasksMoved', 'tasksShown', 'teamMemberIds', 'title',
  'titleChanged', 'to', 'today', 'truncated', 'type', 'typeId', 'typesNamed', 'unchanged', 'unnamed', 'updated',
  'userId', 'validFrom', 'validTo', 'version', 'versionId', 'versions', 'via', 'view', 'withdrawnAt',
  'withoutAssignee', 'withoutPassword',
] as const;

describe('detailLines', () => {
  it('names known keys and translates roles, reasons and yes/no into Danish', () => {
    const lines = detailLines(da, { reason: 'wrong_password', roles: ['coordinator', 'manager'], mfa: true, email: 'kim@gladsaxe.dk' });
    expect(lines.map((l) => `${l.label}: ${l.value}`)).toEqual(['Årsag: Forkert adgangskode', 'Roller: Familiekoordinator, Leder', 'Med to-faktor: Ja', 'E-mail: kim@gladsaxe.dk']);
  });

  it('nests before/after objects and keeps unknown keys and values as recorded', () => {
    const lines = detailLines(da, { before: { name: 'Jobcenter', active: true }, after: { name: 'Jobcentret', active: false }, newKey: 'x', empty: null });
    expect(lines[0]).toEqual({
      key: 'before',
      label: 'Før',
      value: '',
      children: [
        { key: 'name', label: 'Navn', value: 'Jobcenter' },
        { key: 'active', label: 'Aktiv', value: 'Ja' },
      ],
    });
    expect(lines.slice(2).map((l) => `${l.label}: ${l.value}`)).toEqual(['newKey: x', 'empty: –']);
  });
});

describe('detailLines: labels for the keys without an audit.detail message', () => {
  const details = { relation: 'team', goalsShown: ['g1', 'g2'], hiddenByConsent: { goals: 1 }, dir: 'desc', cprHash: 'ab12' };

  it('names them and translates fixed codes into Danish', () => {
    expect(flat(detailLines(da, details, 'da'))).toEqual([
      'Adgang som: Teammedlem',
      'Viste mål: g1, g2',
      'Skjult pga. samtykke: ',
      '  Mål: 1',
      'Sorteringsretning: Faldende',
      'CPR (nøglet hash): ab12',
    ]);
  });

  it('speaks Danish when no language is given', () => {
    expect(flat(detailLines(da, details))).toEqual(flat(detailLines(da, details, 'da')));
  });

  it('names them and translates fixed codes into English', () => {
    expect(flat(detailLines(en, details, 'en'))).toEqual([
      'Access as: Team member',
      'Goals shown: g1, g2',
      'Hidden by consent: ',
      '  Goals: 1',
      'Sort direction: Descending',
      'CPR (keyed hash): ab12',
    ]);
  });

  it('keeps a message key first, and values that are not known codes as recorded', () => {
    const lines = detailLines(en, { reason: 'wrong_password', from: 'referred', to: 'assessing', relation: 'someone_new' }, 'en');
    expect(flat(lines)).toEqual(['Reason: Wrong password', 'From: Referred', 'To: Assessing', 'Access as: someone_new']);
    // from/to are also dates and version numbers elsewhere: shown as recorded.
    expect(flat(detailLines(da, { from: '2025-01-31', to: 3 }, 'da'))).toEqual(['Fra: 2025-01-31', 'Til: 3']);
  });

  it('translates reasons without an audit.reason message, and codes in lists', () => {
    expect(flat(detailLines(da, { reason: 'rate_limited', lookupsLastHour: 31 }, 'da'))).toEqual(['Årsag: For mange opslag', 'Opslag den seneste time: 31']);
    expect(flat(detailLines(en, { hiddenByConsent: { sections: ['who5', 'schoolAttendance'], records: 2 } }, 'en'))).toEqual([
      'Hidden by consent: ',
      '  Sections: WHO-5 well-being, School absence',
      '  Records: 2',
    ]);
  });

  it('has a label in both languages for every key the server records', () => {
    const messages: Record<'da' | 'en', Record<string, string>> = { da: daMessages, en: enMessages };
    const missing = SERVER_DETAIL_KEYS.flatMap((key) =>
      (['da', 'en'] as const).filter((lang) => !messages[lang][`audit.detail.${key}`]?.trim() && !DETAIL_LABELS[key]?.[lang]?.trim()).map((lang) => `${key} (${lang})`),
    );
    expect(missing).toEqual([]);
    // And detailLines uses them: no key is shown raw.
    const raw = (['da', 'en'] as const).flatMap((lang) =>
      SERVER_DETAIL_KEYS.filter((key) => detailLines(lang === 'da' ? da : en, { [key]: 1 }, lang)[0]!.label === key).map((key) => `${key} (${lang})`),
    );
    expect(raw).toEqual([]);
  });

  it('gives every value label both languages', () => {
    for (const [key, codes] of Object.entries(DETAIL_VALUE_LABELS)) {
      for (const [code, l] of Object.entries(codes)) expect([key, code, l.da.trim() !== '' && l.en.trim() !== '']).toEqual([key, code, true]);
    }
    for (const [key, l] of Object.entries(DETAIL_LABELS)) expect([key, l.da.trim() !== '' && l.en.trim() !== '']).toEqual([key, true]);
  });
});
