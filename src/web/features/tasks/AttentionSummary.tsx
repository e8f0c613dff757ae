import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { Spinner } from '../../components/Spinner';
import type { MessageKey } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import type { Attention } from './tasks.api';
import { useAttention } from './useAttention';

interface Need {
  to: string;
  count: number;
  one: MessageKey;
  many: MessageKey;
}

/** The needs behind the counts, in the order they are most urgent; only those there are any of. */
function attentionNeeds(a: Attention): Need[] {
  const needs: Need[] = [
    { to: '/tasks', count: a.overdueTasks, one: 'attention.overdueOne', many: 'attention.overdue' },
    { to: '/tasks', count: a.openTasksDueThisWeek, one: 'attention.thisWeekOne', many: 'attention.thisWeek' },
    { to: '/manager/break-glass', count: a.unreviewedBreakGlass ?? 0, one: 'attention.breakGlassOne', many: 'attention.breakGlass' },
    { to: '/referrals', count: a.openReferrals ?? 0, one: 'attention.referralsOne', many: 'attention.referrals' },
  ];
  return needs.filter((n) => n.count > 0);
}

/** The front page's "Kræver din opmærksomhed": overdue and this week's tasks, break-the-glass to review, referrals waiting. */
export function AttentionSummary() {
  const t = useT();
  const attention = useAttention();
  return (
    <section aria-labelledby="attention-heading" className="attention-summary">
      <h2 id="attention-heading">{t('attention.heading')}</h2>
      {attention.isPending ? (
        <Spinner />
      ) : attention.isError ? (
        <QueryError error={attention.error} onRetry={() => void attention.refetch()} />
      ) : (
        <AttentionList needs={attentionNeeds(attention.data)} />
      )}
    </section>
  );
}

function AttentionList({ needs }: { needs: Need[] }) {
  const t = useT();
  if (needs.length === 0) return <p className="muted">{t('attention.none')}</p>;
  return (
    <ul className="attention-list">
      {needs.map((n) => (
        <li key={n.one}>
          <Link to={n.to}>{n.count === 1 ? t(n.one) : t(n.many, { count: n.count })}</Link>
        </li>
      ))}
    </ul>
  );
}
