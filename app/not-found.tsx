import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col items-start gap-3 px-4 py-16">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm text-gray-700 dark:text-gray-300">There is no page at this address.</p>
      <Link href="/" className={buttonClasses('primary')}>
        Go to the overview
      </Link>
    </main>
  );
}
