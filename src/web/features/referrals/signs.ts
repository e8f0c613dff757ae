import type { Lang } from '../../../shared/i18n';

/** An early sign's label in the interface language. */
export function signLabel(sign: { labelDa: string; labelEn: string }, lang: Lang): string {
  return lang === 'en' ? sign.labelEn : sign.labelDa;
}
