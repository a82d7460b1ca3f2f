import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import type { ReactNode } from 'react';
import { themeScript } from '@/components/layout/theme-script';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Authy Reporting',
  description: 'Verifications, push approvals, users, devices and countries of an Authy application.',
  // public/: the SVG for browsers that take one, the ICO for the rest (and for /favicon.ico itself).
  icons: {
    icon: [
      { url: '/icon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '32x32' },
    ],
  },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f9fafb' },
    { media: '(prefers-color-scheme: dark)', color: '#030712' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The CSP (proxy.ts) only runs inline scripts that carry this request's nonce.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // The theme script sets the `dark` class before hydration, hence the warning suppression.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-dvh">
        <NuqsAdapter>
          <Providers>{children}</Providers>
        </NuqsAdapter>
      </body>
    </html>
  );
}
