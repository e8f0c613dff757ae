import type { Lang } from '../../../shared/i18n';

/** Languages families in Danish municipalities often prefer; any other code can be kept. */
export const COMMON_LANGUAGES = ['da', 'en', 'ar', 'so', 'tr', 'uk', 'fa', 'ur', 'ps', 'ti', 'ku', 'pl', 'ro', 'de', 'vi', 'th', 'bs', 'sq'] as const;

/** A language code's name in the interface language, e.g. "ar" → "arabisk". */
export function languageName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang === 'da' ? 'da-DK' : 'en-GB'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageOptions(lang: Lang, current?: string | null): Array<{ value: string; label: string }> {
  const codes: string[] = [...COMMON_LANGUAGES];
  if (current && !codes.includes(current)) codes.push(current);
  return codes.map((code) => ({ value: code, label: languageName(code, lang) })).sort((a, b) => a.label.localeCompare(b.label, lang));
}
