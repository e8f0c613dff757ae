import type { FamilyStatus } from '../../../shared/families';
import { useT } from '../../i18n/useT';
import { statusBadgeClass, statusLabel } from './labels';

export function StatusBadge({ status }: { status: FamilyStatus }) {
  const t = useT();
  return <span className={statusBadgeClass(status)}>{statusLabel(t, status)}</span>;
}
