import type { GoalStatus, Horizon, Responsible, SignOffHow } from '../../../shared/plans';
import type { Lang } from '../../../shared/i18n';
import type { MessageKey, Translate } from '../../i18n/I18nProvider';
import type { LifeDomain } from './plans.api';

const HORIZON_KEYS: Record<Horizon, MessageKey> = { short: 'horizon.short', long: 'horizon.long' };
const STATUS_KEYS: Record<GoalStatus, MessageKey> = {
  active: 'goalStatus.active',
  achieved: 'goalStatus.achieved',
  partly_achieved: 'goalStatus.partly_achieved',
  not_achieved: 'goalStatus.not_achieved',
  dropped: 'goalStatus.dropped',
};
const HOW_KEYS: Record<SignOffHow, MessageKey> = { in_person: 'signOffHow.in_person', letter: 'signOffHow.letter', digital: 'signOffHow.digital' };

export function horizonLabel(t: Translate, horizon: string): string {
  return horizon in HORIZON_KEYS ? t(HORIZON_KEYS[horizon as Horizon]) : horizon;
}

export function goalStatusLabel(t: Translate, status: string): string {
  return status in STATUS_KEYS ? t(STATUS_KEYS[status as GoalStatus]) : status;
}

export function signOffHowLabel(t: Translate, how: SignOffHow): string {
  return t(HOW_KEYS[how]);
}

/** A life domain's name in the user's language; a code the municipality no longer lists shows as itself. */
export function domainLabel(domains: readonly LifeDomain[] | undefined, code: string, lang: Lang): string {
  const d = domains?.find((x) => x.code === code);
  if (!d) return code;
  return lang === 'en' ? d.labelEn : d.labelDa;
}

/** The value a responsible select holds: `person:<id>`, `staff:<id>` or `department:<id>`. */
export function responsibleKey(r: Responsible): string {
  if (r.kind === 'person') return `person:${r.personId}`;
  if (r.kind === 'staff') return `staff:${r.userId}`;
  return `department:${r.departmentId}`;
}

export function parseResponsible(key: string): Responsible | undefined {
  const [kind, id] = key.split(':');
  if (!id) return undefined;
  if (kind === 'person') return { kind, personId: id };
  if (kind === 'staff') return { kind, userId: id };
  if (kind === 'department') return { kind, departmentId: id };
  return undefined;
}
