// npm run addresses:import FILE.csv
// Loads an OS AddressBase / Open UPRN style CSV into the address list used by postcode look-ups.
import { existsSync } from 'node:fs';
import { importAddresses } from '../../accounts/addresses/import.js';
import { loadConfig } from '../../platform/config.js';
import { openCommandDatabase } from './database.js';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error(file ? `No such file: ${file}` : 'Usage: npm run addresses:import FILE.csv');
  process.exit(1);
}

const config = loadConfig(process.env, 'command');

let exitCode = 0;
try {
  const database = await openCommandDatabase(config);
  const platform = database.platform;
  try {
    const started = Date.now();
    const result = await importAddresses(platform, file);
    console.log(`Read ${result.rows} rows from ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.inserted} added, ${result.updated} updated, ${result.bad.length} skipped.`);
    for (const bad of result.bad.slice(0, 100)) console.log(`  line ${bad.line}: ${bad.reason}`);
    if (result.bad.length > 100) console.log(`  … and ${result.bad.length - 100} more`);
    if (result.bad.length) exitCode = 2;
  } finally {
    await database.close();
  }
} catch (err) {
  console.error((err as Error).message);
  exitCode = 1;
}
process.exit(exitCode);
