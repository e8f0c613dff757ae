import type { Lang } from '../../../shared/i18n';
import { ROLES, type Role } from '../../../shared/roles';
import { isMessageKey, type Translate } from '../../i18n/I18nProvider';
import { roleLabel } from '../session/roleLabels';
import { DETAIL_LABELS, DETAIL_VALUE_LABELS, DETAIL_VALUE_MESSAGES } from './detailLabels';

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

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The key's label: its `audit.detail.*` message, else the label in detailLabels.ts, else the key as recorded. */
function label(t: Translate, lang: Lang, key: string): string {
  const messageKey = `audit.detail.${key}`;
  if (isMessageKey(messageKey)) return t(messageKey);
  return own(DETAIL_LABELS, key)?.[lang] ?? key;
}

/** A fixed code's meaning in the user's language: the app's own message for it, else detailLabels.ts; otherwise undefined. */
function codeLabel(t: Translate, lang: Lang, key: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  for (const prefix of own(DETAIL_VALUE_MESSAGES, key) ?? []) {
    const messageKey = `${prefix}${value}`;
    if (isMessageKey(messageKey)) return t(messageKey);
  }
  const codes = own(DETAIL_VALUE_LABELS, key);
  return codes ? own(codes, value)?.[lang] : undefined;
}

function scalar(t: Translate, lang: Lang, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (ROLE_LIST_KEYS.has(key) && Array.isArray(value)) {
    return value.length === 0 ? '–' : value.map((r) => (isRole(r) ? roleLabel(t, r) : String(r))).join(', ');
  }
  if (key === 'reason' && typeof value === 'string') {
    const messageKey = `audit.reason.${value}`;
    if (isMessageKey(messageKey)) return t(messageKey);
  }
  const coded = codeLabel(t, lang, key, value);
  if (coded !== undefined) return coded;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : (codeLabel(t, lang, key, v) ?? String(v)))).join(', ');
  return JSON.stringify(value);
}

/**
 * The details the server recorded, with labels and values in the user's language (`lang`, the one `t` speaks)
 * where known (roles, reasons, yes/no, fixed codes); nested objects such as before/after become nested lines.
 */
export function detailLines(t: Translate, details: Record<string, unknown>, lang: Lang = 'da'): DetailLine[] {
  return Object.entries(details)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const children = detailLines(t, value as Record<string, unknown>, lang);
        return { key, label: label(t, lang, key), value: children.length === 0 ? '–' : '', children: children.length ? children : undefined };
      }
      return { key, label: label(t, lang, key), value: scalar(t, lang, key, value) };
    });
}
