'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
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
  return (
    <nav aria-label="Main" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1">
        {NAV_ITEMS.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
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
