/**
 * Danish alphabetical order, case and accents aside: æ, ø and å after z, "de Vries" among the d's. Lists of people
 * and families are sorted with it after they are read, because the database's collation may not know Danish
 * (PGlite's is C, where lower case comes after Z and Å before Æ and Ø).
 */
export const danishOrder = new Intl.Collator('da', { sensitivity: 'base' });

/** A copy of `items` in Danish alphabetical order of `nameOf`; items of the same name keep their order. */
export function sortedByDanishName<T>(items: readonly T[], nameOf: (item: T) => string, dir: 'asc' | 'desc' = 'asc'): T[] {
  const sign = dir === 'desc' ? -1 : 1;
  return [...items].sort((a, b) => sign * danishOrder.compare(nameOf(a), nameOf(b)));
}
