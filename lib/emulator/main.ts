/**
 * The standalone emulator (`npm run emulator`): reads the EMULATOR_* settings, serves the
 * API and prints where and with which key. The data is generated on the first request.
 */
import { emulatorSettings } from '../env';
import { API_KEY_HEADER, createEmulator, emulatorOptionsFromSettings } from './index';
import { startEmulatorServer } from './server';

async function main(): Promise<void> {
  const settings = emulatorSettings();
  const emulator = createEmulator(emulatorOptionsFromSettings(settings));
  const server = await startEmulatorServer({ emulator, port: settings.EMULATOR_PORT, host: settings.EMULATOR_HOST });
  console.log(`Authy Reporting API emulator on ${server.url}`);
  console.log(`  ${API_KEY_HEADER}: ${settings.EMULATOR_API_KEY}`);
  console.log(
    `  ${settings.EMULATOR_EVENTS} events of history up to ${new Date(emulator.now()).toISOString()}, seed ${settings.EMULATOR_SEED} (generated on the first request); traffic goes on as the clock moves`,
  );
  const retention = settings.EMULATOR_RETENTION_DAYS;
  console.log(`  keeps ${retention > 0 ? `the last ${retention} days` : 'everything'} queryable`);
  console.log(
    `  try: curl -g -H "${API_KEY_HEADER}: ${settings.EMULATOR_API_KEY}" "${server.url}/protected/json/reporting/events?per_page=2"`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
