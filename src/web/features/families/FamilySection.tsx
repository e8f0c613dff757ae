import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';

/** One section of the family overview: a bordered block with its h2, reachable from the page's contents list. */
export function FamilySection({ id, title, children, actions }: { id: string; title: ReactNode; children: ReactNode; actions?: ReactNode }) {
  const headingId = `${id}-heading`;
  return (
    <section className="section section-bordered family-section" id={id} aria-labelledby={headingId} tabIndex={-1}>
      <div className="section-header">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/**
 * A button that opens a form in place (aria-expanded, aria-controls). Opening moves focus to the form's
 * heading; closing it (cancel or saved) gives focus back to the button.
 */
export function FormToggle({ label, open, onOpen, children }: { label: string; open: boolean; onOpen: () => void; children: ReactNode }) {
  const panelId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open === wasOpen.current) return;
    wasOpen.current = open;
    if (open) {
      const target = panelRef.current?.querySelector<HTMLElement>('h3') ?? panelRef.current;
      if (target) {
        target.tabIndex = -1;
        target.focus();
      }
    } else if (!document.activeElement || document.activeElement === document.body) {
      // The form and the focus in it are gone: back to the button that opened it.
      buttonRef.current?.focus();
    }
  }, [open]);
  return (
    <>
      {!open && (
        <p>
          <button ref={buttonRef} type="button" className="button button-secondary" aria-expanded={false} aria-controls={panelId} onClick={onOpen}>
            {label}
          </button>
        </p>
      )}
      <div id={panelId} ref={panelRef} hidden={!open} className={open ? 'form-panel' : undefined}>
        {open && children}
      </div>
    </>
  );
}

interface Notice {
  section: string;
  text: string;
}

const NoticeContext = createContext<{ notice: Notice | null; setNotice: (notice: Notice | null) => void } | null>(null);

/** Holds the one success message of the family page: a new message anywhere replaces the last. */
export function FamilyNoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const value = useMemo(() => ({ notice, setNotice }), [notice]);
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
}

/** The section's success message (shown only while it is the page's latest) and its setter. */
export function useSectionMessage(section: string): [string | null, (text: string | null) => void] {
  const context = useContext(NoticeContext);
  const [own, setOwn] = useState<string | null>(null);
  const setNotice = context?.setNotice;
  const set = useCallback((text: string | null) => (setNotice ? setNotice(text === null ? null : { section, text }) : setOwn(text)), [setNotice, section]);
  if (!context) return [own, set];
  return [context.notice?.section === section ? context.notice.text : null, set];
}

/** The success line of a section after a change, announced politely. */
export function SectionMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert alert-success" role="status">
      <p>{message}</p>
    </div>
  );
}
