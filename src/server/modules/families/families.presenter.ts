/** "Familien Andersen", or "Familien Andersen/Hansen" when the members carry several family names. */
export function presentFamilyName(persons: ReadonlyArray<{ familyName: string }>): string {
  const names = [...new Set(persons.map((p) => p.familyName).filter(Boolean))];
  return names.length === 0 ? 'Familien' : `Familien ${names.slice(0, 3).join('/')}`;
}
