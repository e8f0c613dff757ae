import { describe, expect, it } from 'vitest';
import type { ExchangeDocument, ExchangeMember } from '../../../shared/exchange/exchange.js';
import { validateExchange } from './validate.js';

const mother: ExchangeMember = { ref: 'P1', role: 'parent', cpr: '1710920284', givenName: 'Ayse', familyName: 'Andersen', birthDate: '1992-10-17', sex: 'female' };
const child = (ref: string): ExchangeMember => ({ ref, role: 'child', birthDate: '2012-05-01', sex: 'unknown' });

function doc(a: ExchangeMember[], b: ExchangeMember[], extra: Partial<ExchangeDocument['families'][number]>[] = [{}, {}]): ExchangeDocument {
  return {
    format: 'helhed-exchange',
    version: 1,
    families: [
      { ref: 'A', status: 'referred', referredAt: '2020-01-01', members: a, ...extra[0] },
      { ref: 'B', status: 'referred', referredAt: '2020-01-01', members: b, ...extra[1] },
    ],
  };
}
const pointers = (d: ExchangeDocument) => {
  const r = validateExchange(d);
  return r.ok ? [] : r.problems.map((p) => p.pointer);
};

describe('a member ref names one person across the file', () => {
  it('accepts the same person, with the same person fields, in two families (the role may differ)', () => {
    expect(pointers(doc([mother, child('C1')], [{ ...mother, role: 'other' }, child('C2')]))).toEqual([]);
  });

  it('refuses the same ref with other person data, at the ref and at the CPR now claimed twice', () => {
    expect(pointers(doc([mother], [{ ...mother, givenName: 'Aysel' }]))).toEqual(['/families/1/members/0/ref', '/families/1/members/0/cpr']);
    expect(pointers(doc([mother], [{ ...mother, cpr: undefined }]))).toEqual(['/families/1/members/0/ref']);
  });

  it('refuses a ref twice in one family, and one CPR number under two refs', () => {
    expect(pointers(doc([child('C1'), child('C1')], [child('C2')]))).toEqual(['/families/0/members/1/ref']);
    expect(pointers(doc([mother], [{ ...mother, ref: 'P2' }]))).toEqual(['/families/1/members/0/cpr']);
  });

  it('requires a shared person’s history to be the same in every family that carries the section', () => {
    const period = { person: 'P1', status: 'employed' as const, from: '2019-01-01', to: null };
    expect(pointers(doc([mother], [mother], [{ supportStatus: [period] }, { supportStatus: [period] }]))).toEqual([]);
    // A family that leaves the section out says nothing about it.
    expect(pointers(doc([mother], [mother], [{ supportStatus: [period] }, {}]))).toEqual([]);
    expect(pointers(doc([mother], [mother], [{ supportStatus: [period] }, { supportStatus: [] }]))).toEqual(['/families/1/supportStatus']);
    expect(pointers(doc([mother], [mother], [{ concernReports: [] }, { concernReports: [{ person: 'P1', date: '2020-02-02' }] }]))).toEqual(['/families/1/concernReports']);
  });
});
