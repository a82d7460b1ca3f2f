'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { cn } from '@/components/ui/cn';

export const NAV_ITEMS = [
  { href: '/', label: 'Overview' },
  { href: '/events', label: 'Events' },
  { href: '/histogram', label: 'Histogram' },
  { href: '/terms', label: 'Terms' },
  { href: '/users', label: 'Users' },
  { href: '/reports', label: 'Reports' },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks() {
  const pathname = usePathname();
  const router = useRouter();
  return (
    <nav aria-label="Main" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1">
        {NAV_ITEMS.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                // Every page is rendered per request (it is behind sign-in), so prefetching all
                // six on load costs the server six renders and the browser their parsing on every
                // view; prefetch the one the pointer or focus is on instead.
                prefetch={false}
                onMouseEnter={() => router.prefetch(item.href)}
                onFocus={() => router.prefetch(item.href)}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap',
                  current
                    ? 'bg-gray-900 text-white dark:bg-gray-100 dark:text-gray-900'
                    : 'text-gray-700 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-800',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
