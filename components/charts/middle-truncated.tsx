/** Characters always shown from the end of a long label: where user agents and ids differ. */
const TAIL = 12;

/**
 * A label that keeps its start and its end when it does not fit ("Authy 24.0 rv:406 (An…13;
 * Pixel 7)"), so long keys that share a beginning stay distinguishable. The whole text shows
 * on hover and on keyboard focus of the row around it (a `group`), which also names it to
 * assistive technology, until Escape closes it (the row's `data-dismissed`).
 */
export function MiddleTruncated({ text }: { text: string }) {
  const split = text.length > TAIL * 2;
  return (
    <span className="flex min-w-0 text-gray-700 dark:text-gray-300">
      {split ? (
        <>
          <span className="truncate">{text.slice(0, -TAIL)}</span>
          <span className="shrink-0 whitespace-pre">{text.slice(-TAIL)}</span>
        </>
      ) : (
        <span className="truncate">{text}</span>
      )}
      <span
        aria-hidden="true"
        className="invisible absolute top-full left-0 z-20 mt-0.5 max-w-[min(32rem,90vw)] rounded bg-gray-900 px-2 py-1 break-all whitespace-normal text-white shadow-lg group-hover:visible group-focus-visible:visible group-data-dismissed:hidden dark:bg-gray-100 dark:text-gray-900"
      >
        {text}
      </span>
    </span>
  );
}
