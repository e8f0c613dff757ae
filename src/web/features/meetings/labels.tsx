import type { MeetingStatus } from '../../../shared/meetings';
import type { MessageKey, Translate } from '../../i18n/I18nProvider';

const STATUS_KEYS: Record<MeetingStatus, MessageKey> = { planned: 'meetingStatus.planned', held: 'meetingStatus.held', cancelled: 'meetingStatus.cancelled' };

export function meetingStatusLabel(t: Translate, status: MeetingStatus): string {
  return t(STATUS_KEYS[status]);
}

export function MeetingStatusBadge({ status, t }: { status: MeetingStatus; t: Translate }) {
  const variant = status === 'planned' ? 'badge-neutral' : status === 'held' ? 'badge-success' : 'badge-warning';
  return <span className={`badge ${variant}`}>{meetingStatusLabel(t, status)}</span>;
}
