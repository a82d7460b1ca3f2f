'use client';

import { useQuery } from '@tanstack/react-query';
import { useQueryStates } from 'nuqs';
import { useCallback, useMemo } from 'react';
import { ChartCard } from '@/components/charts/chart-card';
import { TermsBars, termsBarsHeight, type TermsTotal } from '@/components/charts/terms-bars';
import { TermsTable } from '@/components/charts/terms-table';
import { FilterBuilder } from '@/components/filters/filter-builder';
import { PageHeader } from '@/components/layout/page-header';
import { RangeToolbar } from '@/components/range/range-toolbar';
import { ImportButton } from '../_import/import-button';
import { Select } from '@/components/ui/select';
import type { Term } from '@/lib/authy/responses';
import { LIMITS } from '@/lib/authy/vocabulary';
import { eventsHref } from '@/lib/queries/drill-down';
import { termsTotalViewRequest, termsViewRequest } from '@/lib/queries/page-requests';
import { allEventsCountOfNames } from '@/lib/queries/all-events';
import { termsQueryOptions } from '@/lib/queries/reporting';
import { timeSpecOf } from '@/lib/queries/time-spec';
import { RANGE_LABELS } from '@/lib/ranges';
import { FieldPicker } from './field-picker';
import { COMMON_FIELDS, termsParsers } from './search-params';

const SIZES = [5, 10, 20, 50, LIMITS.size.max];
const NO_TERMS: Term[] = [];

export function TermsView() {
  const [params, setParams] = useQueryStates(termsParsers);
  const time = useMemo(() => timeSpecOf(params), [params]);
  const query = useQuery(termsQueryOptions(termsViewRequest(params), params.refresh));
  const totalQuery = useQuery(termsQueryOptions(termsTotalViewRequest(params), params.refresh));
  const total: TermsTotal = totalQuery.data
    ? (allEventsCountOfNames(totalQuery.data.terms) ?? 'unavailable')
    : totalQuery.isError
      ? 'unavailable'
      : 'loading';
  const terms = query.data?.terms ?? NO_TERMS;
  const fieldLabel = COMMON_FIELDS.find((f) => f.value === params.field)?.label ?? params.field;
  const sizes = SIZES.includes(params.size) ? SIZES : [...SIZES, params.size].sort((a, b) => a - b);
  const hrefFor = useCallback(
    (key: string) =>
      eventsHref({
        time,
        conditions: [...params.f, { attribute: params.field, operator: 'eq', value: key }],
        utc: params.utc,
      }),
    [time, params.f, params.field, params.utc],
  );
  const rangeLabel = time.kind === 'preset' ? RANGE_LABELS[time.range] : 'Custom range';

  return (
    <>
      <PageHeader
        title="Terms"
        description={`${rangeLabel} · top ${params.size} values of ${params.field}`}
        actions={<ImportButton page="/terms" />}
      />
      <RangeToolbar
        window={query.data?.window}
        answers={{
          metas: [
            query.isPlaceholderData ? undefined : query.data?.meta,
            totalQuery.isPlaceholderData ? undefined : totalQuery.data?.meta,
          ],
        }}
      >
        <FieldPicker key={params.field} value={params.field} onChange={(field) => void setParams({ field })} />
        <Select
          label="Top"
          value={String(params.size)}
          options={sizes.map((n) => ({ value: String(n), label: String(n) }))}
          onChange={(size) => void setParams({ size: Number(size) })}
        />
      </RangeToolbar>
      <ChartCard
        title={`Events by ${fieldLabel}`}
        height={termsBarsHeight(params.size)}
        state={{
          isPending: query.isPending,
          error: query.error,
          isEmpty: terms.length === 0,
          meta: query.data?.meta,
          onRetry: () => void query.refetch(),
        }}
        emptyText={`No events with ${params.field} in this range.`}
        showTable={params.view === 'table'}
        onShowTableChange={(table) => void setParams({ view: table ? 'table' : 'chart' })}
        chart={() => (
          <TermsBars label={`Events by ${fieldLabel} chart`} terms={terms} total={total} hrefFor={hrefFor} />
        )}
        table={() => (
          <TermsTable
            caption={`Top ${params.size} values of ${params.field}: count and share of all matching events`}
            keyHeader={fieldLabel}
            terms={terms}
            total={total}
            hrefFor={hrefFor}
          />
        )}
      />
      <FilterBuilder
        label="Scope filters"
        description="Only events matching these are counted."
        value={params.f}
        onChange={(f) => void setParams({ f })}
      />
    </>
  );
}
