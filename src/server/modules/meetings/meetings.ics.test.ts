import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildInvitation, type InvitationInput } from './meetings.ics.js';

const base: InvitationInput = {
  meetingId: '7d0c4a56-3f0b-4a55-9d38-2a9f8f1b6c11',
  sequence: 3,
  status: 'planned',
  title: 'Netværksmøde',
  startsAt: new Date('2026-03-10T09:00:00+01:00'),
  endsAt: new Date('2026-03-10T10:30:00+01:00'),
  place: 'Rådhuset, mødelokale 2',
  onlineUrl: null,
  agendaText: 'Status siden sidst',
  agendaGoalTitles: ['Jeg vil have et arbejde', 'Yusuf skal komme i skole hver dag'],
  organizer: { name: 'Karin Koordinator', email: 'karin@kommune.example' },
  attendees: [
    { name: 'Amina Hansen', email: 'amina@example.org' },
    { name: 'Mormor Fatima', email: 'fatima@example.org' },
  ],
  stamp: new Date('2026-03-01T12:00:00Z'),
  lang: 'da',
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  return { calendar, events, event: new ICAL.Event(events[0]!) };
}

describe('buildInvitation', () => {
  it('is one VEVENT with a stable UID, the version as SEQUENCE and the times in UTC', () => {
    const { calendar, events, event } = parse(buildInvitation(base));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(events).toHaveLength(1);
    expect(event.uid).toBe(`${base.meetingId}@helhed`);
    expect(event.sequence).toBe(3);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-10T09:30:00.000Z');
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.summary).toBe('Netværksmøde');
    expect(event.location).toBe('Rådhuset, mødelokale 2');
    expect(events[0]!.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('names the organizer and every attendee with an e-mail', () => {
    const { event } = parse(buildInvitation(base));
    expect(String(event.organizer).toLowerCase()).toBe('mailto:karin@kommune.example');
    const attendees = event.attendees.map((a) => ({ cn: a.getParameter('cn'), to: String(a.getFirstValue()).toLowerCase() }));
    expect(attendees).toEqual([
      { cn: 'Amina Hansen', to: 'mailto:amina@example.org' },
      { cn: 'Mormor Fatima', to: 'mailto:fatima@example.org' },
    ]);
  });

  it('describes the agenda text and the goal titles, and carries an online link as URL', () => {
    const { event, events } = parse(buildInvitation({ ...base, place: null, onlineUrl: 'https://meet.example/abc' }));
    expect(event.description).toContain('Status siden sidst');
    expect(event.description).toContain('- Jeg vil have et arbejde');
    expect(event.description).toContain('- Yusuf skal komme i skole hver dag');
    expect(events[0]!.getFirstPropertyValue('url')).toBe('https://meet.example/abc');
    expect(event.location).toBe('https://meet.example/abc');
  });

  it('blanks a CPR number typed into the agenda or title', () => {
    const text = buildInvitation({ ...base, title: 'Møde om 010285-1234', agendaText: 'Mor 0102851234 og barn' });
    // The UID is a random UUID, whose hex groups may hold ten digits in a row; everything else must not.
    expect(text.replace(/^UID:.*$/m, '')).not.toMatch(/\d{6}-?\d{4}/);
    const { event } = parse(text);
    expect(event.summary).toBe('Møde om ••••••-••••');
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED under the same UID', () => {
    const { calendar, event, events } = parse(buildInvitation({ ...base, status: 'cancelled', sequence: 4 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(events[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe(`${base.meetingId}@helhed`);
    expect(event.sequence).toBe(4);
  });
});
