import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * IBM Plex Sans for the family's PDF, from @fontsource/ibm-plex-sans (already the web's font). Fontsource
 * ships the font split by script (latin, latin-ext, cyrillic, greek, vietnamese), each WOFF with the CSS
 * unicode-range it covers; pdfkit embeds WOFF (not WOFF2). Text is set in runs, each in the subset that has
 * its characters, so Danish æøå, and names such as Şahin, Łukasz or Олена, come out right.
 */

export type Weight = 400 | 600;

export interface FontFace {
  /** The name the face is registered under in the PDF document. */
  name: string;
  data: Buffer;
  ranges: Array<[number, number]>;
}

/** Parses a CSS unicode-range ("U+0000-00FF,U+0131,…") into inclusive code-point ranges. */
export function parseUnicodeRange(value: string): Array<[number, number]> {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^U\+/i, ''))
    .filter(Boolean)
    .map((part) => {
      const [from, to] = part.split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)] as [number, number];
    });
}

const FACE = /\/\*\s*ibm-plex-sans-([a-z-]+)-(\d+)-normal\s*\*\/[\s\S]*?unicode-range:\s*([^;]+);/g;

/** The faces of one weight, latin first (it covers almost all text), read once from the package. */
function loadFaces(weight: Weight): FontFace[] {
  const require = createRequire(import.meta.url);
  const css = require.resolve(`@fontsource/ibm-plex-sans/${weight}.css`);
  const dir = path.dirname(css);
  const faces: FontFace[] = [];
  for (const m of fs.readFileSync(css, 'utf8').matchAll(FACE)) {
    const subset = m[1]!;
    faces.push({
      name: `plex-${weight}-${subset}`,
      data: fs.readFileSync(path.join(dir, 'files', `ibm-plex-sans-${subset}-${weight}-normal.woff`)),
      ranges: parseUnicodeRange(m[3]!),
    });
  }
  faces.sort((a, b) => Number(b.name.endsWith('-latin')) - Number(a.name.endsWith('-latin')));
  if (!faces[0]?.name.endsWith('-latin')) throw new Error(`IBM Plex Sans ${weight}: no latin face found in ${css}`);
  return faces;
}

const cache = new Map<Weight, FontFace[]>();

export function plexFaces(weight: Weight): FontFace[] {
  let faces = cache.get(weight);
  if (!faces) {
    faces = loadFaces(weight);
    cache.set(weight, faces);
  }
  return faces;
}

function covers(face: FontFace, cp: number): boolean {
  return face.ranges.some(([a, b]) => cp >= a && cp <= b);
}

/**
 * Splits text into runs of consecutive characters set in the same face: the first face that covers a
 * character (latin first); a character no face covers stays in the run it is in.
 */
export function fontRuns(text: string, faces: readonly FontFace[]): Array<{ face: string; text: string }> {
  const runs: Array<{ face: string; text: string }> = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs.at(-1);
    const face = faces.find((f) => covers(f, cp))?.name ?? last?.face ?? faces[0]!.name;
    if (last && last.face === face) last.text += ch;
    else runs.push({ face, text: ch });
  }
  return runs;
}
