// Entry point of `npm run admin -- grant|revoke|roles …`: the configured database, as the server
// uses it (DATABASE_URL, else the SQLite file under DATA_DIR); the commands are in admin-commands.ts.
import { ConfigError, loadConfig, type Config } from '../config/config';
import { openDatabase } from '../database/open-database';
import { systemClock } from '../shared/clock';
import { AccountRoles } from './account-roles';
import { ADMIN_USAGE, isAdminCommand, runAdminCommand } from './admin-commands';

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
const args = process.argv.slice(2);

async function main(): Promise<number> {
  // A mistyped command opens (and migrates) nothing.
  if (!isAdminCommand(args)) {
    ADMIN_USAGE.forEach((line) => io.err(line));
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 1;
  }
  const orm = await openDatabase(config.database);
  try {
    return await runAdminCommand(args, new AccountRoles({ em: orm.em, clock: systemClock }), io);
  } finally {
    await orm.close(true);
  }
}

process.exitCode = await main();
