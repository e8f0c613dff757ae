import { useI18n } from '../../i18n/useT';
import { formatPeriod } from '../../lib/format';
import type { Overlap } from './interventions.api';
import { categoryLabel } from './price';

/**
 * One overlap in words: both interventions with their departments and periods, why they overlap and
 * for how long. `personName` is the person both are for (null: the whole family).
 */
export function OverlapText({ overlap, personName }: { overlap: Overlap; personName: string | null }) {
  const { t, lang } = useI18n();
  const side = (s: Overlap['a']) => t('overlap.side', { type: s.typeName, department: s.departmentName, period: formatPeriod(s.from, s.to, lang) });
  return (
    <>
      <strong>{personName ?? t('interventions.wholeFamily')}:</strong> {side(overlap.a)} {t('overlap.and')} {side(overlap.b)}.{' '}
      {overlap.reason === 'same_type' ? t('overlap.sameType') : t('overlap.sameCategory', { category: categoryLabel(t, overlap.a.category) })}{' '}
      {t('overlap.period', { period: formatPeriod(overlap.period.from, overlap.period.to, lang) })}
    </>
  );
}
