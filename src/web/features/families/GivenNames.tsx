/** The members' given names under a family's name in a list, so two families of the same name can be told apart. */
export function GivenNames({ names }: { names: readonly string[] }) {
  if (names.length === 0) return null;
  return <div className="muted small family-given-names">{names.join(', ')}</div>;
}
