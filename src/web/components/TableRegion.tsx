import type { ReactNode } from 'react';

/**
 * A data table in a scrollable, keyboard-focusable region named by its (visually hidden) caption, so a wide
 * table can be scrolled with the keyboard and screen readers announce what it holds. Children are the
 * table's thead and tbody.
 */
export function TableRegion({ id, caption, children }: { id: string; caption: ReactNode; children: ReactNode }) {
  return (
    <div className="table-wrapper" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id} className="visually-hidden">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
