import { ReportsView } from './reports-view';

export const metadata = { title: 'Saved reports · Authy Reporting' };

export default function ReportsPage() {
  return <ReportsView />;
}
