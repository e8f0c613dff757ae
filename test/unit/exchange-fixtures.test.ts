import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The tests read the exchange example and its KPIs from test/fixtures/exchange, so a clone of this repository
 * runs them on its own. Where the project's shared contract sits next to the clone (../shared/exchange), the
 * copies must be byte for byte the same as the contract; the schema is held in src/shared/exchange.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CONTRACT = path.resolve(ROOT, '../shared/exchange');
const COPIES: Array<[string, string]> = [
  ['example.json', 'test/fixtures/exchange/example.json'],
  ['example.kpis.json', 'test/fixtures/exchange/example.kpis.json'],
  ['helhed-exchange.schema.json', 'src/shared/exchange/helhed-exchange.schema.json'],
];

describe('exchange fixtures', () => {
  it('are in the repository and parse as JSON', () => {
    for (const [, copy] of COPIES) {
      expect(() => JSON.parse(fs.readFileSync(path.join(ROOT, copy), 'utf8')), copy).not.toThrow();
    }
  });

  it.skipIf(!fs.existsSync(CONTRACT))('are identical to the shared contract next to the clone', () => {
    for (const [name, copy] of COPIES) {
      expect(fs.readFileSync(path.join(ROOT, copy), 'utf8'), copy).toBe(fs.readFileSync(path.join(CONTRACT, name), 'utf8'));
    }
  });
});
