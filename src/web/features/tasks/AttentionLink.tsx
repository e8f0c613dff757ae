import { NavLink } from 'react-router';
import { useT } from '../../i18n/useT';
import { useAttention } from './useAttention';

/** The header's way to "Mine opgaver", with the number of overdue tasks as a badge in its accessible name. */
export function AttentionLink() {
  const t = useT();
  const attention = useAttention();
  const overdue = attention.data?.overdueTasks ?? 0;
  const label = overdue > 0 ? t('tasks.attentionLabel', { count: overdue }) : t('tasks.attentionNone');
  return (
    <NavLink to="/tasks" aria-label={attention.data ? label : t('tasks.navLabel')}>
      {t('tasks.navLabel')}
      {overdue > 0 && (
        <span className="badge badge-error header-attention" aria-hidden="true">
          {overdue}
        </span>
      )}
    </NavLink>
  );
}
