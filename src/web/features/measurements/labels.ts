import { CONCERN_SOURCES, type ChildWelfareKind, type Instrument, type Respondent, type SupportStatus } from '../../../shared/measurements';
import type { Translate } from '../../i18n/I18nProvider';

/** Danish (or English) names for the measurement codes; the codes themselves never show. */
export const supportLabel = (t: Translate, code: SupportStatus) => t(`measurement.support.${code}`);
export const welfareKindLabel = (t: Translate, kind: ChildWelfareKind) => t(`measurement.welfare.${kind}`);
export const respondentLabel = (t: Translate, r: Respondent) => t(`measurement.respondent.${r}`);
export const instrumentLabel = (t: Translate, i: Instrument) => t(`measurement.instrument.${i}`);

type ConcernSource = (typeof CONCERN_SOURCES)[number];
const isConcernSource = (s: string): s is ConcernSource => (CONCERN_SOURCES as readonly string[]).includes(s);

/** A concern report's source: the code's name, or the free text as written. */
export function sourceLabel(t: Translate, source: string | null): string {
  if (!source) return '';
  return isConcernSource(source) ? t(`measurement.source.${source}`) : source;
}
