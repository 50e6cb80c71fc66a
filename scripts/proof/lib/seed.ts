import { and, desc, eq } from 'drizzle-orm';
import { loadConfig } from '../../../src/config.js';
import { editions, organisations, outbox, ruleProfiles, users } from '../../../src/db/schema/index.js';
import { openConfiguredDatabase, systemContext } from '../../../src/runtime.js';
import { saveDraft, startApplication } from '../../../src/services/applications/drafts.js';
import { registerApplicant, sendRegistrationCode } from '../../../src/services/applications/registration.js';
import type { ServiceContext } from '../../../src/services/context.js';
import type { Role } from '../../../src/domain/roles.js';
import { DEMO_UNITS } from '../../../src/services/seed/demo/cast.js';
import { formOf } from '../../../src/services/seed/demo/intake.js';
import { DemoTimeline, type DemoRun } from '../../../src/services/seed/demo/run.js';
import { creditCode } from '../../../src/services/seed/identity-codes.js';
import { runCli, type SystemEnv } from './server.js';

/**
 * The state a crash burst starts from: `demo load` (an open edition, one account per role),
 * plus `count` unit applicants of 兰山区 (the demo's `county` account recommends them), each
 * with a complete draft — the burst autosaves it, uploads evidence and submits it over HTTP.
 */
export interface SeededApplicant {
  username: string;
  applicationId: string;
}

export interface Seeded {
  applicants: SeededApplicant[];
  editionId: string;
}

const USERNAME = (i: number) => `proof_unit_${String(i).padStart(3, '0')}`;

export async function seedSystem(env: SystemEnv, count: number): Promise<Seeded> {
  const demo = await runCli(env, ['demo', 'load']);
  if (demo.code !== 0) throw new Error(`demo load failed (${demo.code}): ${demo.stderr}`);
  const config = loadConfig({ ...process.env, ...env, PORT: '3000' });
  const database = await openConfiguredDatabase(config);
  try {
    const ctx = systemContext(database, config, 'proof-seed');
    const [edition] = await ctx.db.select({ id: editions.id, opensOn: editions.opensOn }).from(editions).where(eq(editions.status, 'open'));
    const [county] = await ctx.db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.kind, 'county'), eq(organisations.name, '兰山区')));
    const [profile] = await ctx.db.select({ rules: ruleProfiles.rules }).from(ruleProfiles).where(eq(ruleProfiles.code, 'linyi-current'));
    const run = { timeline: new DemoTimeline(edition.opensOn) } as DemoRun;
    const applicants: SeededApplicant[] = [];
    for (let i = 0; i < count; i++) {
      const spec = { ...DEMO_UNITS[i % DEMO_UNITS.length], username: USERNAME(i), name: `${DEMO_UNITS[i % DEMO_UNITS.length].name.replace(/有限公司$/, '')}分公司${i}`, county: '兰山区' };
      const identityCode = creditCode(5_000_001 + i);
      await register(ctx, spec.username, spec.name, identityCode, env.DEMO_PASSWORD);
      const actor = await actorOf(ctx, spec.username);
      const started = await startApplication(actor);
      const form = formOf(run, profile.rules, { kind: 'unit', spec, index: 100 + i }, county.id);
      await saveDraft(actor, started.id, { revision: started.revision, form: form as never });
      applicants.push({ username: spec.username, applicationId: started.id });
    }
    return { applicants, editionId: edition.id };
  } finally {
    await database.close();
  }
}

async function register(ctx: ServiceContext, username: string, name: string, identityCode: string, password: string): Promise<void> {
  const email = `${username}@proof.example`;
  await sendRegistrationCode(ctx, email);
  const [mail] = await ctx.db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.createdAt)).limit(1);
  const emailCode = /(\d{6})/.exec(mail.body)![1];
  await registerApplicant(ctx, { kind: 'unit', identityCode, name, username, password, email, phone: '13905391234', emailCode });
}

async function actorOf(ctx: ServiceContext, username: string): Promise<ServiceContext> {
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  return { ...ctx, requestId: `proof-seed-${username}`, actor: { userId: user.id, roles: user.roles as Role[], organisationId: user.organisationId } };
}

