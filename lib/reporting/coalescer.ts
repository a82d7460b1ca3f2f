/**
 * Coalescing: the histogram endpoint takes up to 20 named `report[...]` series in one call.
 * Requests that share interval, scope and page and arrive within a few milliseconds are merged
 * into one upstream call and split back. Identical series are asked for once; colliding names
 * are renamed within the 1-64 character rule.
 */
import 'server-only';
import { ApiError } from '../api/errors';
import { MAX_REPORTS, sortConditions, type Report } from '../authy/bracket-codec';
import type { HistogramResponse } from '../authy/responses';
import { canonicalKey, type HistogramQuery } from '../authy/schemas';
import type { Ticket } from './limiter';
import { highest, type Priority } from './priorities';

export type FetchHistogram = (query: HistogramQuery, ticket: Ticket) => Promise<HistogramResponse>;

type Member = {
  query: HistogramQuery;
  ticket: Ticket;
  resolve: (response: HistogramResponse) => void;
  reject: (error: unknown) => void;
};

/** One merged call: its series, and which merged name answers each member's report. */
type Batch = {
  reports: Report[];
  bySignature: Map<string, string>;
  members: { member: Member; names: Map<string, string> }[];
};

const MAX_NAME = 64;

function signature(report: Report): string {
  return JSON.stringify(sortConditions(report.conditions));
}

function freeName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const name = wanted.slice(0, MAX_NAME - suffix.length) + suffix;
    if (!taken.has(name)) return name;
  }
}

/** Packs members into batches of at most MAX_REPORTS distinct series; a member is never split. */
export function planBatches(members: Member[]): Batch[] {
  const batches: Batch[] = [];
  for (const member of members) {
    const fits = (batch: Batch) =>
      batch.reports.length + member.query.reports.filter((r) => !batch.bySignature.has(signature(r))).length <=
      MAX_REPORTS;
    let batch = batches.find(fits);
    if (!batch) {
      batch = { reports: [], bySignature: new Map(), members: [] };
      batches.push(batch);
    }
    const taken = new Set(batch.reports.map((r) => r.name));
    const names = new Map<string, string>();
    for (const report of member.query.reports) {
      const sig = signature(report);
      let merged = batch.bySignature.get(sig);
      if (merged === undefined) {
        merged = freeName(report.name, taken);
        taken.add(merged);
        batch.bySignature.set(sig, merged);
        batch.reports.push({ name: merged, conditions: report.conditions });
      }
      names.set(report.name, merged);
    }
    batch.members.push({ member, names });
  }
  return batches;
}

/** A member's own answer out of the merged one, under its own report names. */
export function splitResponse(merged: HistogramResponse, names: Map<string, string>): HistogramResponse {
  const reports: HistogramResponse['reports'] = {};
  for (const [own, mergedName] of names) reports[own] = merged.reports[mergedName] ?? [];
  return { interval: merged.interval, reports, success: true };
}

/** The batch goes at the highest class of anyone in it, for all of their users, read when the limiter looks. */
function batchTicket(members: Member[]): Ticket {
  return {
    get priority(): Priority {
      return highest(members.map((m) => m.ticket.priority));
    },
    get users(): readonly string[] {
      return [...new Set(members.flatMap((m) => m.ticket.users ?? []))];
    },
  };
}

export class HistogramCoalescer {
  private readonly groups = new Map<string, Member[]>();

  constructor(
    private readonly fetchHistogram: FetchHistogram,
    private readonly windowMs: number,
  ) {}

  request(query: HistogramQuery, ticket: Ticket): Promise<HistogramResponse> {
    const group = canonicalKey({ endpoint: 'date_histogram', params: { ...query, reports: [] } });
    return new Promise<HistogramResponse>((resolve, reject) => {
      const members = this.groups.get(group);
      if (members) {
        members.push({ query, ticket, resolve, reject });
        return;
      }
      this.groups.set(group, [{ query, ticket, resolve, reject }]);
      setTimeout(() => this.flush(group), this.windowMs);
    });
  }

  private flush(group: string): void {
    const members = this.groups.get(group) ?? [];
    this.groups.delete(group);
    for (const batch of planBatches(members)) void this.send(batch);
  }

  private async send(batch: Batch): Promise<void> {
    const members = batch.members.map((m) => m.member);
    const query: HistogramQuery = { ...members[0].query, reports: batch.reports };
    try {
      const merged = await this.fetchHistogram(query, batchTicket(members));
      for (const { member, names } of batch.members) member.resolve(splitResponse(merged, names));
    } catch (error) {
      // One member's bad series must not fail the others: ask for each on its own.
      if (members.length > 1 && error instanceof ApiError && error.code === 'bad_request') {
        await Promise.all(members.map((m) => this.fetchHistogram(m.query, m.ticket).then(m.resolve, m.reject)));
        return;
      }
      for (const member of members) member.reject(error);
    }
  }
}
