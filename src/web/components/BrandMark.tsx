/** Helhed's mark: a circle (the whole family) on the primary colour. Decorative. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <rect width="40" height="40" rx="6" fill="#0059b3" />
      <circle cx="20" cy="20" r="10" fill="none" stroke="#fff" strokeWidth="3.5" />
      <circle cx="20" cy="20" r="3" fill="#fff" />
    </svg>
  );
}
