import { useId, type ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { formatCount, formatDateTime, formatShare } from '@/lib/format';
import type { ArchiveStatus } from '@/lib/queries/archive';
import { backfillWords, callRows, lagWords, modeWords, retentionWords, spanWords } from './archive-words';

/** An interval as the status gives it; imported ones carry their label (the demo's is "demo pre-fill"). */
type Span = { from: string; to: string; label?: string };

/** How many intervals a list shows before "and N older": the newest matter most. */
const SHOWN = 5;

/** An instant as the panel shows it, in the viewer's zone or in UTC. */
type When = (iso: string) => string;

/** A titled part of the panel, a region named by its heading. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1.5">
      <h3 id={id} className="text-sm font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Term and value rows: the labels Playwright and screen readers find the values by. */
function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-gray-600 dark:text-gray-400">{term}</dt>
          <dd className="tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Intervals({ label, intervals, when }: { label: string; intervals: readonly Span[]; when: When }) {
  const newest = [...intervals].reverse();
  return (
    <ul aria-label={label} className="flex flex-col gap-0.5 text-sm tabular-nums">
      {newest.slice(0, SHOWN).map((i) => (
        <li key={`${i.from}/${i.to}`}>
          {when(i.from)} – {when(i.to)}
          {i.label && (
            <Badge tone="info" className="ml-2">
              {i.label}
            </Badge>
          )}
        </li>
      ))}
      {newest.length > SHOWN && (
        <li className="text-gray-600 dark:text-gray-400">and {formatCount(newest.length - SHOWN)} older</li>
      )}
    </ul>
  );
}

/**
 * Everything `GET /api/archive` says, in words: what the archive keeps and why, what is local
 * and from when (the demo's pre-fill marked), how the sync stands, what it spends and how long
 * events are kept. Times in the viewer's zone, or in UTC when the page's toggle says so.
 */
export function ArchivePanel({ status, utc }: { status: ArchiveStatus; utc: boolean }) {
  const when: When = (iso) => formatDateTime(Date.parse(iso), utc);
  const mode = modeWords(status.mode);
  if (status.mode === 'off') {
    return (
      <Section title="Mode">
        <p className="text-sm">
          <strong>{mode.name}.</strong> {mode.says}
        </p>
      </Section>
    );
  }
  const { backfill, fit } = status;
  const rollups = [...status.rollups.hourly].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  return (
    <>
      <Section title="Mode">
        <p className="text-sm">
          <strong>{mode.name}.</strong> {mode.says}
        </p>
      </Section>

      <Section title="What is local">
        <Facts
          rows={[
            ['Events held', formatCount(status.eventsHeld)],
            ['Time covered', status.coverage.length > 0 ? spanWords(status.coverage) : 'Nothing yet'],
            ['Since', status.coverage.length > 0 ? when(status.coverage[0].from) : '—'],
          ]}
        />
        {status.coverage.length > 0 && <Intervals label="Periods held whole" intervals={status.coverage} when={when} />}
        {status.imported.length > 0 && (
          <>
            <p className="text-sm text-gray-700 dark:text-gray-300">
              Imported in bulk, not fetched from the API (demo mode only):
            </p>
            <Intervals label="Imported periods" intervals={status.imported} when={when} />
          </>
        )}
        {rollups.length > 0 && (
          <p className="text-sm text-gray-700 dark:text-gray-300">
            Counts only (per hour, top countries and devices) for {spanWords(rollups)}, from {when(rollups[0].from)}.
          </p>
        )}
      </Section>

      <Section title="Sync">
        <Facts
          rows={[
            ['Live edge', status.lagSeconds === null ? 'Not running' : `${lagWords(status.lagSeconds)} behind now`],
            ['Verified through', status.verifiedThrough ? when(status.verifiedThrough) : 'Nothing verified yet'],
            ['Backfill', backfillWords(backfill)],
            [
              'Expected end',
              backfill.expectedEnd ? when(backfill.expectedEnd) : backfill.done >= backfill.total ? 'Done' : '—',
            ],
            ['Runs on', status.running ? 'This server' : 'Another replica (or not started yet)'],
          ]}
        />
        {backfill.total > 0 && (
          <div
            role="progressbar"
            aria-label="Backfill progress"
            aria-valuemin={0}
            aria-valuemax={backfill.total}
            aria-valuenow={Math.min(backfill.done, backfill.total)}
            aria-valuetext={`${formatShare(backfill.done, backfill.total)} of the events planned are copied`}
            className="h-2 w-full overflow-hidden rounded-full bg-gray-200 dark:bg-gray-800"
          >
            <div
              className="h-full bg-brand-600"
              style={{ width: `${Math.min(100, Math.round((backfill.done / backfill.total) * 100))}%` }}
            />
          </div>
        )}
      </Section>

      <Section title="Calls spent this hour">
        <Facts rows={callRows(status.callsThisHour).map(({ label, calls }) => [label, formatCount(calls)])} />
      </Section>

      <Section title="Fit">
        {fit ? (
          <Facts
            rows={[
              ['Events an hour', formatCount(fit.eventsPerHour)],
              ['Budget an hour', `${formatCount(fit.budgetPerHour)} calls (the archive’s share)`],
              ['Steady cost', `${formatCount(fit.steadyCallsPerHour)} calls an hour`],
              ['Keeps events of', `the last ${formatCount(fit.keepDays)} days`],
              ['Measured', when(fit.measuredAt)],
            ]}
          />
        ) : (
          <p className="text-sm">Not measured yet: the first histogram of the API’s retention decides.</p>
        )}
      </Section>

      <Section title="Retention">
        <p className="text-sm">
          {retentionWords(status.retentionDays)} Archived events hold personal data (user ids, hashed phone numbers,
          devices).
        </p>
      </Section>
    </>
  );
}
