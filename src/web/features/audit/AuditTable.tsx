import type { AuditEventDto } from '../../../shared/audit';
import { useI18n } from '../../i18n/useT';
import { formatDateTime } from '../../lib/dates';
import { detailLines, type DetailLine } from './auditDetails';
import { actionLabel, actorRoleLabel, outcomeLabel, targetTypeLabel } from './auditLabels';
import { TableRegion } from '../../components/TableRegion';

const OUTCOME_BADGE = { success: 'badge-success', denied: 'badge-warning', failure: 'badge-error' } as const;

function DetailList({ lines }: { lines: DetailLine[] }) {
  return (
    <ul className="details-list">
      {lines.map((line) => (
        <li key={line.key}>
          <strong>{line.label}:</strong> {line.value}
          {line.children && <DetailList lines={line.children} />}
        </li>
      ))}
    </ul>
  );
}

function Details({ details, purpose }: { details: Record<string, unknown>; purpose: string | null }) {
  const { t, lang } = useI18n();
  const lines = detailLines(t, details, lang);
  if (purpose) lines.unshift({ key: '__purpose', label: t('audit.purpose'), value: purpose });
  return lines.length > 0 ? <DetailList lines={lines} /> : null;
}

/** Audit events, newest first, in Danish time. */
export function AuditTable({ events }: { events: readonly AuditEventDto[] }) {
  const { t, lang } = useI18n();
  return (
    <TableRegion id="audit-caption" caption={t('audit.tableCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('audit.col.time')}</th>
          <th scope="col">{t('audit.col.user')}</th>
          <th scope="col">{t('audit.col.role')}</th>
          <th scope="col">{t('audit.col.action')}</th>
          <th scope="col">{t('audit.col.target')}</th>
          <th scope="col">{t('audit.col.outcome')}</th>
          <th scope="col">{t('audit.col.persons')}</th>
          <th scope="col">{t('audit.col.details')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.seq}>
            <td className="nowrap">
              <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt, lang, true)}</time>
            </td>
            <td>{event.actorName ?? <span className="muted">{t('audit.unknownActor')}</span>}</td>
            <td>{actorRoleLabel(t, event.actorRole)}</td>
            <td>{actionLabel(t, event.action)}</td>
            <td>
              {event.targetType && targetTypeLabel(t, event.targetType)}
              {event.targetId && (
                <>
                  <br />
                  <code className="muted">{event.targetId}</code>
                </>
              )}
            </td>
            <td>
              <span className={`badge ${OUTCOME_BADGE[event.outcome]}`}>{outcomeLabel(t, event.outcome)}</span>
            </td>
            <td>{event.personIds.length}</td>
            <td>
              <Details details={event.details} purpose={event.purpose} />
            </td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
