import { describe, expect, it } from 'vitest';
import { fontRuns, parseUnicodeRange, plexFaces } from './plan-pdf-fonts.js';

describe('parseUnicodeRange', () => {
  it('reads single code points and ranges', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131,U+2000-206F')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x2000, 0x206f],
    ]);
  });
});

describe('plexFaces', () => {
  it('finds the latin face first, and the other scripts of the weight', () => {
    const names = plexFaces(400).map((f) => f.name);
    expect(names[0]).toBe('plex-400-latin');
    expect(names).toEqual(expect.arrayContaining(['plex-400-latin-ext', 'plex-400-cyrillic']));
    expect(plexFaces(600)[0]!.name).toBe('plex-600-latin');
  });
});

describe('fontRuns', () => {
  const faces = plexFaces(400);
  it('sets Danish text, æøå included, in one latin run', () => {
    expect(fontRuns('Få styr på økonomien — Barnets lov § 92', faces)).toEqual([{ face: 'plex-400-latin', text: 'Få styr på økonomien — Barnets lov § 92' }]);
  });
  it('sets letters outside latin in the face that has them', () => {
    expect(fontRuns('Ayşe og Олена', faces)).toEqual([
      { face: 'plex-400-latin', text: 'Ay' },
      { face: 'plex-400-latin-ext', text: 'ş' },
      { face: 'plex-400-latin', text: 'e og ' },
      { face: 'plex-400-cyrillic', text: 'Олена' },
    ]);
  });
});
