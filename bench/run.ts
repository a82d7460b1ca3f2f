/**
 * `npm run bench`: every benchmark, one after another in one run, so ratios compare figures
 * taken on the same machine at the same time. Each runs in its own process so its memory
 * figures are its own. Speed targets live here, not in timed tests.
 * `npm run bench -- emulator` runs the one of that name, or else the ones whose name contains
 * the word (`archive` is the query benchmark alone, `arch` both archive benchmarks).
 */
import { spawnSync } from 'node:child_process';

const BENCHES = [
  { name: 'emulator', file: 'bench/emulator.ts' },
  { name: 'service', file: 'bench/service.ts' },
  { name: 'mau', file: 'bench/mau.ts' },
  { name: 'archive-sync', file: 'bench/archive-sync.ts' },
  { name: 'lighthouse', file: 'bench/lighthouse.ts' },
  { name: 'drill', file: 'bench/drill.ts' },
  { name: 'archive', file: 'bench/archive.ts' },
];

const only = process.argv.slice(2);
let failed = 0;
for (const bench of BENCHES) {
  const named = (word: string) => BENCHES.some((b) => b.name === word);
  if (only.length && !only.some((word) => (named(word) ? bench.name === word : bench.name.includes(word)))) continue;
  console.log(`\n## ${bench.name}\n`);
  const run = spawnSync('npx', ['tsx', '--conditions=react-server', bench.file], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`${bench.name} benchmark failed (exit ${run.status})`);
  }
}
process.exit(failed ? 1 : 0);
