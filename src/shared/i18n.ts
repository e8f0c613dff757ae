/** The languages of the staff interface. Danish first. */
export const LANGS = ['da', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Picks da or en from an Accept-Language header; Danish unless English is preferred. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'da';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'da';
}
