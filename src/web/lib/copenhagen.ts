/** Minutes Copenhagen is ahead of UTC at a given instant (60 in winter, 120 in summer). */
function copenhagenOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** A date (YYYY-MM-DD) and time (HH:mm) on a Danish wall clock as an ISO instant with offset; '' when incomplete. */
export function copenhagenToIso(date: string, time: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})/.exec(time);
  if (!d || !t) return '';
  const guess = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  const offset = copenhagenOffsetMinutes(new Date(guess - copenhagenOffsetMinutes(new Date(guess)) * 60_000));
  return new Date(guess - offset * 60_000).toISOString();
}

/** An instant as the date and time fields on a Danish wall clock. */
export function isoToCopenhagen(iso: string): { date: string; time: string } {
  const instant = new Date(iso);
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(instant);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return { date, time };
}

/** A meeting's time: "03.02.2025 14.00–15.30" (the end's date only when it differs). */
export function formatTimeRange(startsAt: string, endsAt: string, lang: 'da' | 'en'): string {
  const s = isoToCopenhagen(startsAt);
  const e = isoToCopenhagen(endsAt);
  const day = (x: string) => {
    const [y, m, dd] = x.split('-');
    return lang === 'en' ? `${dd}/${m}/${y}` : `${dd}.${m}.${y}`;
  };
  const clock = (x: string) => (lang === 'en' ? x : x.replace(':', '.'));
  return s.date === e.date ? `${day(s.date)} ${clock(s.time)}–${clock(e.time)}` : `${day(s.date)} ${clock(s.time)} – ${day(e.date)} ${clock(e.time)}`;
}
