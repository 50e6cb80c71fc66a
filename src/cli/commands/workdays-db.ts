import { loadConfig } from '../../config.js';
import { openConfiguredDatabase } from '../../runtime.js';
import { loadWorkingCalendar } from '../../services/calendar.js';
import type { CliIo } from '../io.js';
import { run as runWorkdays } from './workdays.js';

/**
 * `workdays …` with the office's overrides from the database, so the command line and the
 * server compute the same dates. The database is opened only for this and closed after.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    return await runWorkdays(args, io, { calendar: () => loadWorkingCalendar(database.db) });
  } finally {
    await database.close();
  }
}
