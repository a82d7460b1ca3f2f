/**
 * Child process for the killed-process test: saves reports one after another into the store in
 * argv[2], printing each id once its write has returned, until it is killed.
 */
import { openStore } from '../../lib/db/connect';
import { createReport } from '../../lib/db/reports';
import { createUser } from '../../lib/db/users';

const { db } = await openStore({ dataDir: process.argv[2] });
const owner = await createUser(db, { name: `owner${process.pid}`, role: 'member', password: 'owner password' });
for (let i = 0; ; i++) {
  const report = await createReport(db, {
    name: `view ${i}`,
    path: `/events?page=${(i % 100) + 1}`,
    ownerId: owner.id,
  });
  process.stdout.write(`saved ${report.id}\n`);
}
