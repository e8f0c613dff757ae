import { coversDomain } from '../../../shared/consent-kinds.js';
import type { ConsentKind } from '../../../shared/families.js';
import type { Lang } from '../../../shared/i18n.js';
import type { FieldProblem } from '../../errors.js';

/** What was changed in the draft after the version a user saw (plans.repository draftChangesSince). */
export interface DraftChanges {
  goals: ReadonlyArray<{ id: string; title: string; createdInDraft: number; removed: boolean; byName: string | null }>;
  actions: ReadonlyArray<{ id: string; goalId: string; what: string; goalTitle: string; createdInDraft: number; removed: boolean; byName: string | null }>;
  baseline: ReadonlyArray<{ domain: string; byName: string | null }>;
}

/** The changes with the life domain of each goal (an action: its goal's), to narrow them by consent. */
export interface DraftChangesInDomains {
  goals: ReadonlyArray<DraftChanges['goals'][number] & { domain: string }>;
  actions: ReadonlyArray<DraftChanges['actions'][number] & { goalDomain: string }>;
  baseline: DraftChanges['baseline'];
}

/**
 * The changes a viewer who sees `kinds` may be told of: goals, actions under goals and baseline entries of life
 * domains their consent does not cover are left out, and counted (decision 0017).
 */
export function narrowDraftChanges(changes: DraftChangesInDomains, kinds: readonly ConsentKind[]): { changes: DraftChanges; hidden: number } {
  const goals = changes.goals.filter((g) => coversDomain(kinds, g.domain));
  const actions = changes.actions.filter((a) => coversDomain(kinds, a.goalDomain));
  const baseline = changes.baseline.filter((b) => coversDomain(kinds, b.domain));
  const hidden = changes.goals.length - goals.length + (changes.actions.length - actions.length) + (changes.baseline.length - baseline.length);
  return { changes: { goals, actions, baseline }, hidden };
}

/** The most changes a conflict lists one by one; the rest are counted. */
export const MAX_CONFLICT_LINES = 20;

type Kind = 'added' | 'changed' | 'removed';

const WORDS = {
  da: {
    added: 'tilføjet',
    changed: 'ændret',
    removed: 'fjernet',
    by: (name: string | null) => (name ? ` af ${name}` : ''),
    goal: (title: string, kind: string, by: string) => `Målet »${title}« er ${kind}${by}.`,
    action: (what: string, goal: string, kind: string, by: string) => `Handlingen »${what}« under målet »${goal}« er ${kind}${by}.`,
    baseline: (domain: string, by: string) => `Udgangspunktet for livsområdet ${domain} er ændret${by}.`,
    more: (n: number) => `… og ${n} ændringer mere.`,
    hidden: (n: number) =>
      n === 1
        ? '1 ændring i et livsområde, som samtykket ikke dækker for din afdeling, vises ikke.'
        : `${n} ændringer i livsområder, som samtykket ikke dækker for din afdeling, vises ikke.`,
    unknown: 'Planen er gemt i en nyere udgave, end du har set. Genindlæs planen.',
  },
  en: {
    added: 'added',
    changed: 'changed',
    removed: 'removed',
    by: (name: string | null) => (name ? ` by ${name}` : ''),
    goal: (title: string, kind: string, by: string) => `The goal “${title}” was ${kind}${by}.`,
    action: (what: string, goal: string, kind: string, by: string) => `The action “${what}” under the goal “${goal}” was ${kind}${by}.`,
    baseline: (domain: string, by: string) => `The baseline for the life domain ${domain} was changed${by}.`,
    more: (n: number) => `… and ${n} more changes.`,
    hidden: (n: number) =>
      n === 1
        ? '1 change in a life domain the consent does not cover for your department is not shown.'
        : `${n} changes in life domains the consent does not cover for your department are not shown.`,
    unknown: 'The plan has been saved in a newer version than the one you saw. Reload the plan.',
  },
} as const;

/**
 * The changes made since version `seen`, one problem each (path `goals.<id>`, `goals.<id>.actions.<id>` or
 * `baseline.<domain>`), worded for the user, so a refused save can show what changed. Actions under a goal
 * that was itself added or removed since are not listed on their own. `hidden` changes the viewer's consent does
 * not cover (narrowDraftChanges) are only counted, in a last line.
 */
export function describeDraftChanges(changes: DraftChanges, seen: number, lang: Lang, domainLabel: (code: string) => string, hidden = 0): FieldProblem[] {
  const w = WORDS[lang];
  const kindOf = (c: { createdInDraft: number; removed: boolean }): Kind => (c.removed ? 'removed' : c.createdInDraft > seen ? 'added' : 'changed');
  const wholeGoals = new Set(changes.goals.filter((g) => kindOf(g) !== 'changed').map((g) => g.id));
  const out: FieldProblem[] = [];
  for (const g of changes.goals) out.push({ path: `goals.${g.id}`, message: w.goal(g.title, w[kindOf(g)], w.by(g.byName)) });
  for (const a of changes.actions) {
    if (wholeGoals.has(a.goalId)) continue;
    out.push({ path: `goals.${a.goalId}.actions.${a.id}`, message: w.action(a.what, a.goalTitle, w[kindOf(a)], w.by(a.byName)) });
  }
  for (const b of changes.baseline) out.push({ path: `baseline.${b.domain}`, message: w.baseline(domainLabel(b.domain), w.by(b.byName)) });
  const hiddenLine: FieldProblem[] = hidden > 0 ? [{ path: '', message: w.hidden(hidden) }] : [];
  if (out.length === 0) return [{ path: '', message: w.unknown }, ...hiddenLine];
  if (out.length > MAX_CONFLICT_LINES) {
    const rest = out.length - MAX_CONFLICT_LINES;
    return [...out.slice(0, MAX_CONFLICT_LINES), { path: '', message: w.more(rest) }, ...hiddenLine];
  }
  return [...out, ...hiddenLine];
}
