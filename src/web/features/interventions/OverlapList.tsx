import { useI18n } from '../../i18n/useT';
import { formatDate, formatPeriod } from '../../lib/format';
import type { Overlap } from './interventions.api';
import { categoryLabel } from './price';

/**
 * One overlap in words: both interventions with their departments and periods, why they overlap and
 * for how long. `personName` is the person both are for (null: the whole family).
 */
export function OverlapText({ overlap, personName }: { overlap: Overlap; personName: string | null }) {
  const { t, lang } = useI18n();
  // An open period reads "fra 13.11.2026", a closed one "13.11.2026 – 31.12.2026".
  const span = (from: string, to: string | null) => (to ? formatPeriod(from, to, lang) : t('period.from', { date: formatDate(from, lang) }));
  const side = (s: Overlap['a']) => t('overlap.side', { type: s.typeName, department: s.departmentName, period: span(s.from, s.to) });
  return (
    <>
      <strong>{personName ?? t('interventions.wholeFamily')}:</strong> {side(overlap.a)} {t('overlap.and')} {side(overlap.b)}.{' '}
      {overlap.reason === 'same_type' ? t('overlap.sameType') : t('overlap.sameCategory', { category: categoryLabel(t, overlap.a.category) })}{' '}
      {t('overlap.period', { period: span(overlap.period.from, overlap.period.to) })}
    </>
  );
}
