import type { z } from 'zod';
import {
  who5Score,
  type AssessmentDto,
  type ChildWelfareDto,
  type ConcernReportDto,
  type SchoolAttendanceDto,
  type SupportPeriodDto,
} from '../../../shared/measurements.js';
import type { AssessmentRow, ChildWelfareRow, ConcernReportRow, SchoolAttendanceRow, SupportPeriodRow } from './measurements.repository.js';

/** WHO-5 as 0–100 (raw × 4); for the other instruments the mean answer, one decimal. */
export function assessmentScore(row: Pick<AssessmentRow, 'instrument' | 'answers'>): number | null {
  if (row.instrument === 'who5') return who5Score(row.answers);
  const values = Object.values(row.answers);
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

export function presentAssessment(row: AssessmentRow, recordedByName: string | null): AssessmentDto {
  return {
    id: row.id,
    instrument: row.instrument,
    instrumentVersion: row.instrumentVersion,
    personId: row.personId,
    date: row.date,
    respondent: row.respondent,
    answers: row.answers,
    score: assessmentScore(row),
    recordedByName,
  };
}

export const presentSupportPeriod = (r: SupportPeriodRow): z.infer<typeof SupportPeriodDto> => ({ id: r.id, personId: r.personId, status: r.status, from: r.from, to: r.to });

export const presentChildWelfare = (r: ChildWelfareRow): z.infer<typeof ChildWelfareDto> => ({
  id: r.id,
  personId: r.personId,
  kind: r.kind,
  from: r.from,
  to: r.to,
  legalBasis: r.legalBasis,
});

export const presentConcernReport = (r: ConcernReportRow): z.infer<typeof ConcernReportDto> => ({ id: r.id, personId: r.personId, date: r.date, source: r.source });

export const presentSchoolAttendance = (r: SchoolAttendanceRow): z.infer<typeof SchoolAttendanceDto> => ({
  id: r.id,
  personId: r.personId,
  from: r.from,
  to: r.to,
  absencePercent: Number(r.absencePercent),
});
