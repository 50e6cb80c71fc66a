import { loadConfig } from '../../config.js';
import { openConfiguredDatabase, systemContext } from '../../runtime.js';
import { loadDemo } from '../../services/seed/demo.js';
import { DEMO_MILESTONE_NAMES, isDemoMilestone, type DemoMilestone } from '../../services/seed/demo/milestones.js';
import { seedReferenceData } from '../../services/seed/directory.js';
import { publicationSummary } from '../../services/seed/demo/publication.js';
import type { CliIo } from '../io.js';

const USAGE = `usage: demo load [--through <${DEMO_MILESTONE_NAMES.join('|')}>] [--profile <code>]\n`;

/** `demo load [--through <milestone>] [--profile <code>]` (also `--flag=value`): null when the arguments are wrong. */
function parse(args: string[]): { through?: DemoMilestone; profile?: string } | null {
  if (args[0] !== 'load') return null;
  const out: { through?: DemoMilestone; profile?: string } = {};
  const rest = args.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].split(/=(.*)/s, 2);
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') return null;
    if (flag === '--through' && out.through === undefined && isDemoMilestone(value)) out.through = value;
    else if (flag === '--profile' && out.profile === undefined) out.profile = value;
    else return null;
  }
  return out;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const options = parse(args);
  if (!options) {
    io.stderr(USAGE);
    return 2;
  }
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const ctx = systemContext(database, config, 'cli-demo');
    await seedReferenceData(ctx);
    const started = Date.now();
    // Progress goes to stderr: stdout stays the list of accounts, one per line.
    const created = await loadDemo(ctx, { through: options.through, profile: options.profile, log: (line) => io.stderr(`${line}\n`) });
    if (created.length === 0) io.stdout('demo already loaded\n');
    // Through the publication, stdout is the winners as JSON (the accounts go to stderr).
    const summary = options.through === 'published' && created.length ? await publicationSummary(ctx) : null;
    for (const c of created) (summary ? io.stderr : io.stdout)(`${c.role}\t${c.username}\t${c.password}\n`);
    if (summary) io.stdout(`${JSON.stringify(summary)}\n`);
    if (options.through && created.length) io.stderr(`用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`);
    return 0;
  } finally {
    await database.close();
  }
}
