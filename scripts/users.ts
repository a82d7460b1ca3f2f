/**
 * `npm run users -- add NAME --role ROLE | list | remove NAME | set-password NAME`
 * Passwords come from a prompt (hidden) or, when stdin is not a terminal, from its first line.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openStore } from '../lib/db/connect';
import { createUser, listUsers, removeUser, roleSchema, setPassword } from '../lib/db/users';
import { settings } from '../lib/env';

const USAGE = 'usage: npm run users -- add NAME --role admin|member|viewer | list | remove NAME | set-password NAME';

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (!process.stdin.isTTY) {
    for await (const line of rl) {
      rl.close();
      return line;
    }
    throw new Error('no password on standard input');
  }
  // Hide what is typed: echo nothing after the prompt.
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write('Password: ');
  output._writeToOutput = () => undefined;
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { role: { type: 'string' } } });
  const [command, name] = positionals;
  const s = settings();
  const { db } = await openStore({ databaseUrl: s.DATABASE_URL, dataDir: s.DATA_DIR });
  try {
    switch (command) {
      case 'list':
        for (const user of await listUsers(db)) console.log(`${user.name}\t${user.role}`);
        return 0;
      case 'add': {
        if (!name) break;
        const role = roleSchema.parse(values.role ?? 'member');
        await createUser(db, { name, role, password: await readPassword() });
        console.log(`Added ${name} (${role}).`);
        return 0;
      }
      case 'remove':
        if (!name) break;
        if (!(await removeUser(db, name))) return fail(`No user named ${name}.`);
        console.log(`Removed ${name}; their sessions have ended.`);
        return 0;
      case 'set-password':
        if (!name) break;
        if (!(await setPassword(db, name, await readPassword()))) return fail(`No user named ${name}.`);
        console.log(`Password of ${name} changed; their sessions have ended.`);
        return 0;
    }
    return fail(USAGE);
  } finally {
    await db.destroy();
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const issues = (error as { issues?: { message: string }[] }).issues;
    console.error(issues ? issues.map((i) => i.message).join('; ') : error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
