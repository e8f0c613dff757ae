import { ROLES, type Role } from '../../../shared/roles';
import { isMessageKey, type Translate } from '../../i18n/I18nProvider';
import { roleLabel } from '../session/roleLabels';

/** One line of an event's details, ready to show: a label and a value, possibly with nested lines. */
export interface DetailLine {
  key: string;
  label: string;
  value: string;
  children?: DetailLine[];
}

const ROLE_LIST_KEYS = new Set(['roles', 'mfaRequiredRoles']);

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLES.some((r) => r === value);
}

function label(t: Translate, key: string): string {
  const messageKey = `audit.detail.${key}`;
  return isMessageKey(messageKey) ? t(messageKey) : key;
}

function scalar(t: Translate, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (ROLE_LIST_KEYS.has(key) && Array.isArray(value)) {
    return value.length === 0 ? '–' : value.map((r) => (isRole(r) ? roleLabel(t, r) : String(r))).join(', ');
  }
  if (key === 'reason' && typeof value === 'string') {
    const messageKey = `audit.reason.${value}`;
    return isMessageKey(messageKey) ? t(messageKey) : value;
  }
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  return JSON.stringify(value);
}

/**
 * The details the server recorded, with labels and values in the user's language where known
 * (roles, reasons, yes/no); nested objects such as before/after become nested lines.
 */
export function detailLines(t: Translate, details: Record<string, unknown>): DetailLine[] {
  return Object.entries(details)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const children = detailLines(t, value as Record<string, unknown>);
        return { key, label: label(t, key), value: children.length === 0 ? '–' : '', children: children.length ? children : undefined };
      }
      return { key, label: label(t, key), value: scalar(t, key, value) };
    });
}
