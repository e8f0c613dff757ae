import { describe, expect, it } from 'vitest';
import { ALL_CONSENT_KINDS, instrumentItemKind, instrumentKinds, interventionKind, LIFE_DOMAIN_KINDS, lifeDomainKind, OUTCOME_KINDS, seesAllKinds, seesIntervention } from './consent-kinds.js';
import { CONSENT_KINDS } from './families.js';
import { DEFAULT_LIFE_DOMAINS } from './plans.js';

describe('the kind of information each life domain is', () => {
  it.each([
    ['economy', 'economy'],
    ['work_education', 'employment'],
    ['housing', 'housing'],
    ['health', 'health'],
    ['substance_use', 'health'],
    ['child_health', 'health'],
    ['child_development', 'school_daycare'],
    ['daycare_school', 'school_daycare'],
    ['everyday_life', 'family_situation'],
    ['parenting', 'family_situation'],
    ['network', 'family_situation'],
    ['safety', 'family_situation'],
    ['leisure_friends', 'family_situation'],
  ] as const)('%s is %s', (domain, kind) => {
    expect(lifeDomainKind(domain)).toBe(kind);
  });

  it('maps every default life domain, and the table covers no code outside the defaults', () => {
    expect(DEFAULT_LIFE_DOMAINS).toHaveLength(13);
    for (const d of DEFAULT_LIFE_DOMAINS) expect(CONSENT_KINDS).toContain(lifeDomainKind(d.code));
    expect(Object.keys(LIFE_DOMAIN_KINDS).sort()).toEqual(DEFAULT_LIFE_DOMAINS.map((d) => d.code).sort());
  });

  it("counts a municipality's own domain, and names like Object's own properties, as the family's situation", () => {
    expect(lifeDomainKind('sprog_og_kultur')).toBe('family_situation');
    expect(lifeDomainKind('constructor')).toBe('family_situation');
    expect(lifeDomainKind('toString')).toBe('family_situation');
  });
});

describe('the kind of information each measurement is', () => {
  it('maps the registers: support status to employment, child welfare and concern reports to child welfare, attendance to school', () => {
    expect(OUTCOME_KINDS).toEqual({ supportPeriods: 'employment', childWelfarePeriods: 'child_welfare', concernReports: 'child_welfare', schoolAttendance: 'school_daycare' });
  });

  it.each([
    ['who5', 'cheerful', 'health'],
    ['experience', 'knowsPlan', 'family_situation'],
    ['life_domains', 'economy', 'economy'],
    ['life_domains', 'child_health', 'health'],
    ['life_domains', 'parenting', 'family_situation'],
  ] as const)('an answer of %s to %s is %s', (instrument, item, kind) => {
    expect(instrumentItemKind(instrument, item)).toBe(kind);
  });

  it('gives an instrument the distinct kinds of its items, in the order consents list them', () => {
    expect(instrumentKinds('life_domains', ['housing', 'economy', 'health', 'substance_use'])).toEqual(['economy', 'housing', 'health']);
    expect(instrumentKinds('who5', [])).toEqual(['health']);
    expect(instrumentKinds('experience', ['knowsPlan', 'ownGoals'])).toEqual(['family_situation']);
    expect(instrumentKinds('life_domains', [])).toEqual([]);
  });

  it('says whether a set of kinds is all of them', () => {
    expect(seesAllKinds([...CONSENT_KINDS].reverse())).toBe(true);
    expect(seesAllKinds(CONSENT_KINDS.filter((k) => k !== 'health'))).toBe(false);
  });
});

describe('interventions by consent kind', () => {
  it('files each known category under a kind, and a municipality’s own category under the family’s situation', () => {
    expect(interventionKind('employment_support')).toBe('employment');
    expect(interventionKind('placement')).toBe('child_welfare');
    expect(interventionKind('therapy')).toBe('health');
    expect(interventionKind('daycare_school')).toBe('school_daycare');
    expect(interventionKind('vores_egen_kategori')).toBe('family_situation');
    expect(interventionKind('constructor')).toBe('family_situation');
  });

  it('lets a viewer see a covered kind, their own department’s intervention, or everything when they see every kind', () => {
    const placement = { category: 'placement', departmentId: 'children' };
    expect(seesIntervention(['employment'], 'jobcenter', placement)).toBe(false);
    expect(seesIntervention(['employment', 'child_welfare'], 'jobcenter', placement)).toBe(true);
    expect(seesIntervention(['employment'], 'children', placement)).toBe(true);
    expect(seesIntervention(['employment'], null, placement)).toBe(false);
    expect(seesIntervention(ALL_CONSENT_KINDS, null, placement)).toBe(true);
  });
});
