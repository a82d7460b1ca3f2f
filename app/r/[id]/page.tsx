import { notFound, redirect } from 'next/navigation';
import { db } from '@/lib/db';
import { findReport } from '@/lib/db/reports';

/** A saved report's stable short link: opens the view it holds (relative ranges stay relative). */
export default async function SavedReportLink({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const report = /^[A-Za-z0-9]{1,32}$/.test(id) ? await findReport(await db(), id) : undefined;
  if (!report) notFound();
  redirect(report.path);
}
