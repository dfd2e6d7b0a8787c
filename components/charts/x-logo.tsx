/** The X mark (a hollow bold stroke crossed by a thin one); lucide has no X/Twitter logo. */
export function XLogo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className} aria-hidden="true" fill="none" stroke="currentColor" strokeLinejoin="round" strokeLinecap="round">
      <path d="M3.5 3.5h5l12 17h-5z" strokeWidth={1.8} />
      <path d="M20 3.5l-6.6 7.4M4 20.5l6.6-7.4" strokeWidth={2} />
    </svg>
  );
}
