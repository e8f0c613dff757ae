import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExchangeDocument } from './exchange/exchange.js';
import { kpiInputFromExchange, referenceKpis } from './kpis.js';
import { DEFAULT_PUBLIC_SUPPORT } from './measurements.js';

const example = JSON.parse(fs.readFileSync(new URL('../../test/fixtures/exchange/example.json', import.meta.url), 'utf8')) as ExchangeDocument;
const expected = JSON.parse(fs.readFileSync(new URL('../../test/fixtures/exchange/example.kpis.json', import.meta.url), 'utf8'));

describe('referenceKpis', () => {
  it('gives example.kpis.json for example.json as of 2019-12-31', () => {
    const got = referenceKpis(kpiInputFromExchange(example, DEFAULT_PUBLIC_SUPPORT), '2019-12-31');
    expect(got).toEqual(expected);
  });
});
