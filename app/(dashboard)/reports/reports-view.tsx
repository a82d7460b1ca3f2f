'use client';

import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { reportsQueryOptions } from '@/lib/queries/reports';
import { ReportActions } from './report-actions';

const PAGE_NAMES: Record<string, string> = {
  '/': 'Overview',
  '/events': 'Events',
  '/histogram': 'Histogram',
  '/terms': 'Terms',
  '/users': 'Users',
};

const updatedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function ReportsView() {
  const reports = useQuery(reportsQueryOptions());
  return (
    <>
      <PageHeader
        saveView={false}
        title="Saved reports"
        description="Views saved by the team. Each has a stable link; relative ranges stay relative."
      />
      {reports.isPending ? (
        <Skeleton className="h-40" />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => reports.refetch()} />
      ) : reports.data.reports.length === 0 ? (
        <EmptyState title="No saved reports yet">Open any page, set it up, and use “Save view”.</EmptyState>
      ) : (
        <Table caption="Saved reports">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Page</Th>
              <Th>Owner</Th>
              <Th>Updated</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {reports.data.reports.map((report) => (
              <Tr key={report.id}>
                <Td>
                  <a href={`/r/${report.id}`} className="font-medium underline-offset-2 hover:underline">
                    {report.name}
                  </a>
                  {report.description && (
                    <p className="text-xs text-gray-600 dark:text-gray-400">{report.description}</p>
                  )}
                </Td>
                <Td>{PAGE_NAMES[report.page] ?? report.page}</Td>
                <Td>{report.owner.name}</Td>
                <Td>
                  <time dateTime={report.updatedAt}>{updatedFormat.format(new Date(report.updatedAt))}</time>
                </Td>
                <Td>{report.canManage && <ReportActions report={report} />}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
