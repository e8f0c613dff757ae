import { describe, expect, it } from 'vitest';
import type { KpiTableRow } from '../../../shared/evaluation-dashboard.js';
import { kpiTableCsv } from './kpi-table.js';

const row = (over: Partial<KpiTableRow>): KpiTableRow => ({
  key: 'costs',
  label: 'Udgifter pr. familie',
  definition: 'Pris × enheder',
  n: 6,
  measure: 'beforeMean',
  measureLabel: 'Før (kr. pr. familie)',
  value: 126805.72308594896,
  suppressed: false,
  ...over,
});

describe('the KPI table as CSV', () => {
  it('starts with a byte-order mark and a Danish header, separates with semicolons and ends lines with CRLF', () => {
    const csv = kpiTableCsv([row({})]);
    expect(csv.startsWith('\uFEFFNøgle;Navn;Definition;n;Mål;Målets navn;Værdi;Små tal skjult\r\n')).toBe(true);
    expect(csv.endsWith('costs;Udgifter pr. familie;Pris × enheder;6;beforeMean;Før (kr. pr. familie);126805.72308594896;nej\r\n')).toBe(true);
  });

  it('quotes a field holding a semicolon, a quote or a line break', () => {
    const csv = kpiTableCsv([row({ definition: 'a; b "c"\nd' })]);
    expect(csv).toContain(';"a; b ""c""\nd";');
  });

  it('writes "<5" as it is and a hidden value as an empty field', () => {
    const line = kpiTableCsv([row({ n: '<5', value: null, suppressed: true })]).split('\r\n')[1];
    expect(line).toBe('costs;Udgifter pr. familie;Pris × enheder;<5;beforeMean;Før (kr. pr. familie);;ja');
  });
});
