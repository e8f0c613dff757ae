/**
 * helhed-exchange version 1 (DESIGN.md "The exchange format"; JSON Schema beside this file, a copy of
 * ../shared/exchange/helhed-exchange.schema.json). These types describe a document that passed the schema.
 */
import type { ChildWelfareKind, Instrument, Respondent, SupportStatus } from '../measurements.js';
import type { PriceUnit } from '../cost.js';

export type ExchangeFamilyStatus = 'referred' | 'assessing' | 'active' | 'paused' | 'completed' | 'declined' | 'withdrawn';

export interface ExchangeMember {
  ref: string;
  cpr?: string;
  givenName?: string;
  familyName?: string;
  birthDate: string;
  sex: 'female' | 'male' | 'unknown';
  role: 'parent' | 'child' | 'other';
  preferredLanguage?: string;
}

export interface ExchangeRating {
  date: string;
  value: number;
  by: Respondent;
}

export interface ExchangeGoal {
  ref: string;
  person?: string;
  domain: string;
  horizon: 'short' | 'long';
  title: string;
  createdAt: string;
  targetDate?: string;
  status?: 'active' | 'achieved' | 'partly_achieved' | 'not_achieved' | 'dropped';
  ratings?: ExchangeRating[];
}

export interface ExchangeSupportStatus {
  person: string;
  status: SupportStatus;
  from: string;
  to?: string | null;
}

export interface ExchangeChildWelfare {
  person: string;
  kind: ChildWelfareKind;
  from: string;
  to?: string | null;
  legalBasis?: string;
}

export interface ExchangeConcernReport {
  person: string;
  date: string;
  source?: string;
}

export interface ExchangeSchoolAttendance {
  person: string;
  from: string;
  to: string;
  absencePercent: number;
}

export interface ExchangeIntervention {
  ref: string;
  person?: string;
  type: string;
  category?: string;
  department: string;
  legalBasis?: string;
  from: string;
  to?: string | null;
  price: { amount: number; per: PriceUnit };
  hoursPerWeek?: number;
}

export interface ExchangeAssessment {
  instrument: Instrument;
  instrumentVersion?: number;
  person?: string;
  date: string;
  by: Respondent;
  answers: Record<string, number>;
}

export interface ExchangeFamily {
  ref: string;
  status: ExchangeFamilyStatus;
  referredAt?: string;
  enrolledAt?: string;
  completedAt?: string;
  withdrawnAt?: string;
  completionReason?: string;
  coordinator?: { email: string; name?: string };
  members: ExchangeMember[];
  goals?: ExchangeGoal[];
  supportStatus?: ExchangeSupportStatus[];
  childWelfare?: ExchangeChildWelfare[];
  concernReports?: ExchangeConcernReport[];
  schoolAttendance?: ExchangeSchoolAttendance[];
  interventions?: ExchangeIntervention[];
  assessments?: ExchangeAssessment[];
}

export interface ExchangeDocument {
  format: 'helhed-exchange';
  version: 1;
  municipality?: { code: string; name: string };
  exportedAt?: string;
  pseudonymised?: boolean;
  families: ExchangeFamily[];
}

/** One problem in an imported file: where (a JSON pointer into the file) and what, in Danish and English. */
export interface ExchangeProblem {
  pointer: string;
  da: string;
  en: string;
}

/** What an import did, per kind. */
export interface KindCount {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export const EXCHANGE_KINDS = [
  'families',
  'persons',
  'memberships',
  'coordinators',
  'departments',
  'interventionTypes',
  'goals',
  'ratings',
  'supportStatus',
  'childWelfare',
  'concernReports',
  'schoolAttendance',
  'interventions',
  'assessments',
] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];
export type ExchangeCounts = Record<ExchangeKind, KindCount>;

export function emptyCounts(): ExchangeCounts {
  return Object.fromEntries(EXCHANGE_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0, removed: 0 }])) as ExchangeCounts;
}
