import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PAGE_NAMES, type ImportProblem } from '@/lib/import/types';
import type { BracketOutcome } from './bracket-params';

/**
 * Shown instead of a page whose URL carries Reporting API parameters it cannot take: each is
 * named with the reason, never silently dropped, with the page that answers them when there
 * is one and the page without them as a deliberate choice.
 */
export function BracketParamsRefused({
  path,
  problems,
  elsewhere,
}: {
  path: string;
  problems: ImportProblem[];
  elsewhere: Extract<BracketOutcome, { kind: 'refuse' }>['elsewhere'];
}) {
  return (
    <Card aria-labelledby="bracket-params-title">
      <div role="alert" className="flex flex-col gap-3 text-sm">
        <h2 id="bracket-params-title" className="text-base font-semibold">
          This link has Reporting API parameters the page cannot apply
        </h2>
        <p>Rather than show results without them, the page shows nothing. What does not fit:</p>
        <ul className="list-disc pl-5">
          {problems.map((problem, i) => (
            <li key={i}>
              <code className="break-all">{problem.subject}</code>: {problem.message}
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-2">
          {elsewhere && (
            <Link href={elsewhere.href} prefetch={false} className={buttonClasses('primary')}>
              Open them on the {PAGE_NAMES[elsewhere.page]} page
            </Link>
          )}
          <Link href={path} prefetch={false} className={buttonClasses('secondary')}>
            Open this page without them
          </Link>
        </div>
      </div>
    </Card>
  );
}
