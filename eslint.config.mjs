import { readFileSync } from 'node:fs';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/**
 * Every event name, read from lib/authy/vocabulary.ts so the rule below cannot drift from it.
 * Fails loudly if the lists there stop looking like `export const … = ['a', 'b'] as const;`.
 */
function eventNames() {
  const source = readFileSync(new URL('./lib/authy/vocabulary.ts', import.meta.url), 'utf8');
  const lists = [
    ...source.matchAll(/export const (?:EVENT_NAMES|LEGACY_PHONE_VERIFICATION_EVENTS) = \[([^\]]*)\] as const;/g),
  ];
  const names = lists.flatMap((list) => [...list[1].matchAll(/'([a-z_]+)'/g)].map((name) => name[1]));
  if (lists.length !== 2 || names.length < 2) {
    throw new Error('eslint.config.mjs: cannot read the event names from lib/authy/vocabulary.ts');
  }
  return names;
}

const eventName = `/^(${eventNames().join('|')})$/`;

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Event names are spelt once, in lib/authy: code says eventIs('user_added') or uses a list
    // from the vocabulary (AUTHENTICATION_EVENTS), which the type checker holds to it. The
    // emulator generates the events; tests, specs and benchmarks write raw upstream data and URLs.
    files: ['**/*.{ts,tsx}'],
    ignores: ['lib/authy/**', 'lib/emulator/**', '**/*.test.ts', 'e2e/**', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // eventIs's argument is typed EventName, so a literal there is checked.
          selector: `Literal[value=${eventName}]:not(CallExpression[callee.name="eventIs"] > Literal), TemplateElement[value.cooked=${eventName}]`,
          message:
            "A raw event name is not checked against the vocabulary: write eventIs('…'), or add a list to lib/authy/vocabulary.ts.",
        },
      ],
    },
  },
  {
    // lib/reporting is server-only; the browser's code may use its types, never its values.
    files: ['components/**', 'app/(dashboard)/**', 'app/login/**', 'lib/queries/**', 'lib/mau/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/reporting/*', '**/reporting/*'],
              allowTypeImports: true,
              message: 'lib/reporting is server-only: import its types with `import type`, or move the code to lib/.',
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      '.data-*/**',
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
];

export default config;
