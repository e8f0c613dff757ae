import PDFDocument from 'pdfkit';
import type { GasLevels, GoalStatus, Horizon, SignOffHow } from '../../../shared/plans.js';
import { fontRuns, plexFaces, type Weight } from './plan-pdf-fonts.js';

/** Everything the family's PDF shows, already resolved to names and labels in the chosen language. */
export interface PlanPdfData {
  lang: 'da' | 'en';
  /** The family names the members carry (at most three), e.g. ["Hansen", "Ali"]. */
  familyNames: string[];
  versionNumber: number;
  publishedAt: Date;
  nextReviewDate: string;
  domains: Array<{
    label: string;
    goals: Array<{
      title: string;
      /** Null: a goal for the whole family. */
      forWhom: string | null;
      horizon: Horizon;
      successCriterion: string;
      targetDate: string | null;
      status: GoalStatus;
      legalRequirement: string | null;
      gas: GasLevels | null;
      actions: Array<{ what: string; who: string; due: string | null; doneAt: string | null }>;
    }>;
  }>;
  baseline: Array<{ label: string; score: number; text: string }>;
  nextMeeting: { startsAt: Date; endsAt: Date; place: string | null; onlineUrl: string | null } | null;
  coordinator: { name: string; email: string; department: string | null } | null;
  signOffs: Array<{ name: string; signedAt: string; how: SignOffHow }>;
  /** When the PDF was made (its metadata), so the same request gives the same file. */
  generatedAt: Date;
}

const WORDS = {
  da: {
    title: (names: string) => `Helhedsplan for familien ${names}`,
    subtitle: (n: number, date: string) => `Version ${n} · gælder fra ${date}`,
    review: 'Vi ser på planen igen',
    meeting: 'Næste møde',
    noMeeting: 'Der er ikke aftalt et nyt møde endnu. Din koordinator kontakter dig.',
    online: 'Online',
    coordinator: 'Din familiekoordinator',
    noCoordinator: 'Familien har ikke fået en koordinator endnu.',
    goals: 'Vores mål',
    forFamily: 'Hele familien',
    forWhom: 'For',
    short: 'på kort sigt',
    long: 'på lang sigt',
    by: 'Nået senest',
    success: 'Vi ved, at vi er nået i mål, når',
    status: 'Status',
    legal: 'Målet dækker kravet i',
    gas: 'Trin på vejen',
    actions: 'Hvem gør hvad hvornår',
    noActions: 'Der er ingen aftalte handlinger endnu.',
    dueBy: 'senest',
    done: 'gjort',
    baseline: 'Sådan så det ud, da vi begyndte (0 = meget svært, 10 = rigtig godt)',
    signatures: 'Underskrifter',
    signed: (name: string, date: string, how: string) => `${name} skrev under ${date} (${how}).`,
    noSignatures: 'Ingen har skrevet under på denne version endnu.',
    signHere: 'Underskrift',
    dateHere: 'Dato',
    page: (i: number, n: number) => `Side ${i} af ${n}`,
    statuses: { active: 'I gang', achieved: 'Nået', partly_achieved: 'Delvist nået', not_achieved: 'Ikke nået', dropped: 'Opgivet' },
    how: { in_person: 'ved et møde', letter: 'med brev', digital: 'digitalt' },
  },
  en: {
    title: (names: string) => `Family plan for the ${names} family`,
    subtitle: (n: number, date: string) => `Version ${n} · in force from ${date}`,
    review: 'We will look at the plan again on',
    meeting: 'Next meeting',
    noMeeting: 'No new meeting has been arranged yet. Your coordinator will contact you.',
    online: 'Online',
    coordinator: 'Your family coordinator',
    noCoordinator: 'The family does not have a coordinator yet.',
    goals: 'Our goals',
    forFamily: 'The whole family',
    forWhom: 'For',
    short: 'short term',
    long: 'long term',
    by: 'Reached by',
    success: 'We know we have reached it when',
    status: 'Status',
    legal: 'The goal covers the requirement in',
    gas: 'Steps on the way',
    actions: 'Who does what by when',
    noActions: 'No actions have been agreed yet.',
    dueBy: 'by',
    done: 'done',
    baseline: 'Where we started (0 = very hard, 10 = very good)',
    signatures: 'Signatures',
    signed: (name: string, date: string, how: string) => `${name} signed on ${date} (${how}).`,
    noSignatures: 'Nobody has signed this version yet.',
    signHere: 'Signature',
    dateHere: 'Date',
    page: (i: number, n: number) => `Page ${i} of ${n}`,
    statuses: { active: 'In progress', achieved: 'Reached', partly_achieved: 'Partly reached', not_achieved: 'Not reached', dropped: 'Dropped' },
    how: { in_person: 'at a meeting', letter: 'by letter', digital: 'digitally' },
  },
} as const;

const LOCALE = { da: 'da-DK', en: 'en-GB' } as const;
const TIME_ZONE = 'Europe/Copenhagen';

export function formatDate(iso: string, lang: 'da' | 'en'): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

export function formatMeeting(startsAt: Date, endsAt: Date, lang: 'da' | 'en'): string {
  const day = new Intl.DateTimeFormat(LOCALE[lang], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(startsAt);
  const time = new Intl.DateTimeFormat(LOCALE[lang], { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
  return `${day}, ${lang === 'da' ? 'kl. ' : ''}${time.format(startsAt)}–${time.format(endsAt)}`;
}

const MARGIN = 56;
const SIZE = { title: 20, h1: 15, h2: 13, h3: 11.5, body: 10.5, small: 9 } as const;

/** Renders the family's plan as an A4 PDF in black on white, IBM Plex Sans embedded. */
export async function renderPlanPdf(data: PlanPdfData): Promise<Buffer> {
  const w = WORDS[data.lang];
  const family = data.familyNames.join('/');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: LOCALE[data.lang],
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: w.title(family), Creator: 'Helhed', Producer: 'Helhed', CreationDate: data.generatedAt, ModDate: data.generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const weight of [400, 600] as const) for (const f of plexFaces(weight)) doc.registerFont(f.name, f.data);
  doc.fillColor('black').strokeColor('black');
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;

  /**
   * Writes text in runs of the faces that have its characters: a new paragraph at `x`, or, with `continuing`,
   * on from text written with `continued`.
   */
  const write = (text: string, weight: Weight, size: number, opts: { x?: number; continued?: boolean } = {}, continuing = false) => {
    const x = opts.x ?? left;
    const runs = fontRuns(text, plexFaces(weight));
    doc.fontSize(size);
    runs.forEach((r, i) => {
      doc.font(r.face);
      const o = { width: width - (x - left), lineGap: 2, continued: opts.continued === true || i < runs.length - 1 };
      if (i === 0 && !continuing) doc.text(r.text, x, doc.y, o);
      else doc.text(r.text, o);
    });
    if (!opts.continued) doc.x = left;
  };
  /** Starts a new page when fewer than `space` points remain, so a heading is never alone at the bottom. */
  const keep = (space: number) => {
    if (doc.y + space > bottom()) doc.addPage();
  };
  const rule = () => {
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.75).stroke();
    doc.moveDown(0.5);
  };
  const labelled = (label: string, value: string, x = left) => {
    write(`${label}: `, 600, SIZE.body, { x, continued: true });
    write(value, 400, SIZE.body, { x }, true);
  };
  const bullet = (text: string, x: number) => {
    keep(30);
    const y = doc.y;
    write('•', 400, SIZE.body, { x });
    doc.y = y;
    write(text, 400, SIZE.body, { x: x + 12 });
  };

  // Heading: the family, the version, and the three things the family most needs to know.
  write(w.title(family), 600, SIZE.title);
  write(w.subtitle(data.versionNumber, formatDate(data.publishedAt.toISOString().slice(0, 10), data.lang)), 400, SIZE.body);
  doc.moveDown(0.5);
  rule();
  labelled(w.review, formatDate(data.nextReviewDate, data.lang));
  doc.moveDown(0.3);
  if (data.nextMeeting) {
    const m = data.nextMeeting;
    const where = [m.place, m.onlineUrl ? `${w.online}: ${m.onlineUrl}` : null].filter(Boolean).join(' · ');
    labelled(w.meeting, `${formatMeeting(m.startsAt, m.endsAt, data.lang)}${where ? ` · ${where}` : ''}`);
  } else {
    labelled(w.meeting, w.noMeeting);
  }
  doc.moveDown(0.3);
  if (data.coordinator) {
    const c = data.coordinator;
    labelled(w.coordinator, [c.name, c.department, c.email].filter(Boolean).join(' · '));
  } else {
    labelled(w.coordinator, w.noCoordinator);
  }
  doc.moveDown(0.5);
  rule();

  // The goals, domain by domain, in the family's own words, with who does what by when.
  write(w.goals, 600, SIZE.h1);
  doc.moveDown(0.3);
  for (const domain of data.domains) {
    keep(90);
    doc.moveDown(0.4);
    write(domain.label, 600, SIZE.h2);
    doc.moveDown(0.2);
    for (const g of domain.goals) {
      keep(70);
      doc.moveDown(0.3);
      write(g.title, 600, SIZE.h3);
      const facts = [
        `${w.forWhom}: ${g.forWhom ?? w.forFamily} (${g.horizon === 'short' ? w.short : w.long})`,
        g.targetDate ? `${w.by}: ${formatDate(g.targetDate, data.lang)}` : null,
        g.status !== 'active' ? `${w.status}: ${w.statuses[g.status]}` : null,
      ].filter(Boolean);
      write(facts.join(' · '), 400, SIZE.body);
      if (g.successCriterion) labelled(w.success, g.successCriterion);
      if (g.legalRequirement) labelled(w.legal, g.legalRequirement);
      if (g.gas) {
        write(`${w.gas}:`, 600, SIZE.body);
        for (const level of ['-2', '-1', '0', '1', '2'] as const) {
          if (g.gas[level]) bullet(`${level === '0' ? '0' : level.startsWith('-') ? `−${level.slice(1)}` : `+${level}`}: ${g.gas[level]}`, left + 8);
        }
      }
      write(`${w.actions}:`, 600, SIZE.body);
      if (g.actions.length === 0) write(w.noActions, 400, SIZE.body, { x: left + 8 });
      for (const a of g.actions) {
        const when = a.doneAt ? `${w.done} ${formatDate(a.doneAt, data.lang)}` : a.due ? `${w.dueBy} ${formatDate(a.due, data.lang)}` : null;
        bullet([a.what, a.who, when].filter(Boolean).join(' — '), left + 8);
      }
    }
  }

  if (data.baseline.length > 0) {
    keep(80);
    doc.moveDown(0.8);
    write(w.baseline, 600, SIZE.h2);
    doc.moveDown(0.2);
    for (const b of data.baseline) bullet(`${b.label}: ${b.score}/10${b.text ? ` — ${b.text}` : ''}`, left);
  }

  // Signatures: those recorded, and lines to sign on paper.
  keep(130);
  doc.moveDown(0.8);
  write(w.signatures, 600, SIZE.h2);
  doc.moveDown(0.2);
  if (data.signOffs.length === 0) write(w.noSignatures, 400, SIZE.body);
  for (const s of data.signOffs) write(w.signed(s.name, formatDate(s.signedAt, data.lang), w.how[s.how]), 400, SIZE.body);
  for (let i = 0; i < 2; i++) {
    doc.moveDown(2);
    const y = doc.y;
    doc.moveTo(left, y).lineTo(left + width * 0.6, y).lineWidth(0.5).stroke();
    doc.moveTo(left + width * 0.68, y).lineTo(left + width, y).stroke();
    doc.y = y + 3;
    write(w.signHere, 400, SIZE.small);
    doc.y = y + 3;
    write(w.dateHere, 400, SIZE.small, { x: left + width * 0.68 });
  }

  // Footer on every page; the bottom margin is lifted while writing it so it does not start a new page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keepBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.y = doc.page.height - MARGIN + 16;
    write(`${w.title(family)} · ${w.subtitle(data.versionNumber, formatDate(data.publishedAt.toISOString().slice(0, 10), data.lang))} · ${w.page(i + 1, range.count)}`, 400, SIZE.small);
    doc.page.margins.bottom = keepBottom;
  }
  doc.end();
  return finished;
}
