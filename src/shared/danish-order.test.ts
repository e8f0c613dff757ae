import { describe, expect, it } from 'vitest';
import { sortedByDanishName } from './danish-order.js';

describe('Danish alphabetical order', () => {
  it('puts æ, ø and å after z in that order, and ignores case', () => {
    const names = ['Åse', 'Zakaria', 'ørn', 'Ærø', 'de Vries', 'Bo', 'Dan'];
    expect(sortedByDanishName(names, (n) => n)).toEqual(['Bo', 'Dan', 'de Vries', 'Zakaria', 'Ærø', 'ørn', 'Åse']);
    expect(sortedByDanishName(names, (n) => n, 'desc')).toEqual(['Åse', 'ørn', 'Ærø', 'Zakaria', 'de Vries', 'Dan', 'Bo']);
  });

  it('keeps the order of items with the same name, and leaves its input alone', () => {
    const items = [{ id: 1, n: 'Holm' }, { id: 2, n: 'Berg' }, { id: 3, n: 'holm' }];
    expect(sortedByDanishName(items, (x) => x.n).map((x) => x.id)).toEqual([2, 1, 3]);
    expect(items.map((x) => x.id)).toEqual([1, 2, 3]);
  });
});
