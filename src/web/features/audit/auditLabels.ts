import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../shared/audit';
import { ROLES, type Role } from '../../../shared/roles';
import { isMessageKey, type Translate } from '../../i18n/I18nProvider';
import { roleLabel } from '../session/roleLabels';

/** The action's label in the user's language; unknown (newer) actions show their code. */
export function actionLabel(t: Translate, action: string): string {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function actionOptions(t: Translate): Array<{ value: string; label: string }> {
  return AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(t, action) })).sort((a, b) => a.label.localeCompare(b.label, 'da'));
}

export function outcomeLabel(t: Translate, outcome: (typeof AUDIT_OUTCOMES)[number]): string {
  return t(`audit.outcome.${outcome}`);
}

export function targetTypeLabel(t: Translate, type: string): string {
  const key = `audit.target.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

/** The actor's role as recorded; several roles may be stored comma-separated. */
export function actorRoleLabel(t: Translate, role: string | null): string {
  if (!role) return '';
  return role
    .split(',')
    .map((r) => r.trim())
    .map((r) => {
      const known: Role | undefined = ROLES.find((x) => x === r);
      return known ? roleLabel(t, known) : r;
    })
    .join(', ');
}
