import type { Lang } from '../../shared/i18n';

const LOCALES: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

/** A moment as Danish local time (Europe/Copenhagen), e.g. "03.02.2025 14.05.09". */
export function formatDateTime(iso: string, lang: Lang, withSeconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: withSeconds ? '2-digit' : undefined,
  }).format(date);
}
