/**
 * Where an entry of the overview's recent activity leads: the family's page for it (plan, measurements, meetings,
 * journal) or the overview's own section (`#…`). Matched by the start of the action; the first match wins. An action
 * with no place of its own (a break of the glass, say) has no link.
 */
const PLACES: ReadonlyArray<readonly [actionStart: string, place: string]> = [
  ['plan.', 'plan'],
  ['goal_rating.', 'measurements'],
  ['assessment.', 'measurements'],
  ['support_period.', 'measurements'],
  ['school_attendance.', 'measurements'],
  ['child_welfare.', 'measurements'],
  ['concern_report.', 'measurements'],
  ['meeting.', 'meetings'],
  ['note.', 'notes'],
  ['task.', '#work'],
  ['consent.', '#consent'],
  ['intervention.', '#interventions'],
  ['person.', '#members'],
  ['family.member_add', '#members'],
  ['family.custody_set', '#members'],
  ['family.create', '#status'],
  ['family.status_change', '#status'],
  ['referral.accept', '#status'],
  ['family.coordinator_assign', '#team'],
  ['family.team_', '#team'],
];

/** The link of an activity entry: an in-page anchor (`#members`) or a path (`/families/…/notes`); null when none. */
export function activityHref(familyId: string, action: string): string | null {
  const place = PLACES.find(([start]) => action.startsWith(start))?.[1];
  if (!place) return null;
  return place.startsWith('#') ? place : `/families/${familyId}/${place}`;
}
