import { and, eq } from 'drizzle-orm';
import { organisations, users } from '../../db/schema/index.js';
import type { Role } from '../../domain/roles.js';
import { shanghaiToday as shanghaiDate } from '../../domain/calendar/dates.js';
import { recordAudit } from '../audit/record.js';
import { inTransaction, type ServiceContext, type TxContext } from '../context.js';
import { createEdition, publishCall, setSchedule } from '../editions.js';
import { insertUser } from '../users.js';
import { generatePassword, type CreatedCredential } from './bootstrap.js';
import { creditCode, idNumber } from './identity-codes.js';
import { DEMO_DEFAULT_PROFILE, demoProfile } from './demo/profile.js';
import { driveDemo, isPublicationMilestone, type DemoMilestone } from './demo/milestones.js';
import { DemoTimeline, type DemoRun } from './demo/run.js';

const DEMO_ACCOUNTS: Array<{ username: string; displayName: string; role: Role; org?: { kind: string; name: string }; identityCode?: string }> = [
  { username: 'office', displayName: '强市办 王主任', role: 'office', org: { kind: 'office', name: '临沂市质量强市工作领导小组办公室' } },
  { username: 'county', displayName: '兰山区质量强区办 李科长', role: 'county', org: { kind: 'county', name: '兰山区' } },
  { username: 'dept', displayName: '市质监局 张审查员', role: 'department', org: { kind: 'department', name: '市质监局' } },
  { username: 'agency', displayName: '第三方机构 赵经理', role: 'agency', org: { kind: 'agency', name: '临沂市质量评价中心（演示第三方机构）' } },
  { username: 'expert', displayName: '评审专家 孙教授', role: 'expert' },
  { username: 'committee', displayName: '评审委员 周委员', role: 'committee' },
  { username: 'leader', displayName: '领导小组 吴组长', role: 'leadership' },
  { username: 'gov', displayName: '市政府 郑秘书', role: 'government' },
  // Applicants carry valid identity codes (check characters computed), as self-registration would give them.
  { username: 'unit', displayName: '临沂示范制造有限公司', role: 'applicant_unit', org: { kind: 'applicant', name: '临沂示范制造有限公司' }, identityCode: demoCreditCode() },
  { username: 'person', displayName: '陈质量', role: 'applicant_individual', identityCode: demoIdNumber() },
];

function demoCreditCode(): string {
  return creditCode(3_000_001);
}

function demoIdNumber(): string {
  return idNumber(123, '19800101');
}

async function findOrCreateOrganisation(tctx: TxContext, org: { kind: string; name: string }): Promise<string> {
  const [found] = await tctx.tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.kind, org.kind), eq(organisations.name, org.name)));
  if (found) return found.id;
  const [row] = await tctx.tx.insert(organisations).values(org).returning();
  await recordAudit(tctx, { action: 'organisation.create', entityType: 'organisation', entityId: row.id, after: row });
  return row.id;
}

/**
 * Demo data so a person can click through every role: one account per role (password from
 * DEMO_PASSWORD, else generated and printed) and an open edition under the profile of code
 * `profile` (Linyi's current rules by default; an example of resources/profiles/examples/ is entered first).
 * With `through`, the edition is instead dated in the past and driven, through the services the
 * browser uses, to that milestone (see demo/milestones.ts). Loading twice does nothing.
 */
export async function loadDemo(ctx: ServiceContext, options: { through?: DemoMilestone; profile?: string; log?: (line: string) => void } = {}): Promise<CreatedCredential[]> {
  const [already] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'office'));
  if (already) return [];
  // Looked up (or entered, for an example) first: an unknown code stops before any account is made.
  const profile = await demoProfile(ctx, options.profile ?? DEMO_DEFAULT_PROFILE);
  // Driven to a milestone, the whole procedure lies in the past: the call opened months ago.
  const timeline = options.through ? DemoTimeline.endingBefore(ctx.now(), isPublicationMilestone(options.through)) : null;
  const setupCtx: ServiceContext = timeline ? { ...ctx, now: timeline.clockOn(timeline.date('call')) } : ctx;
  const created = await inTransaction(setupCtx, async (tctx) => {
    const out: CreatedCredential[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const password = ctx.config.demoPassword ?? generatePassword();
      const organisationId = account.org ? await findOrCreateOrganisation(tctx, account.org) : null;
      const userId = await insertUser(tctx, { username: account.username, displayName: account.displayName, password, roles: [account.role], organisationId });
      if (account.identityCode) await tctx.tx.update(users).set({ identityCode: account.identityCode, email: `${account.username}@demo.example` }).where(eq(users.id, userId));
      out.push({ username: account.username, password, role: account.role, generated: !ctx.config.demoPassword });
    }
    return out;
  });

  const [office] = await ctx.db.select().from(users).where(eq(users.username, 'office'));
  const officeCtx: ServiceContext = { ...setupCtx, actor: { userId: office.id, roles: ['office'], organisationId: office.organisationId } };
  const today = shanghaiDate(setupCtx.now());
  const year = Number(today.slice(0, 4));
  const deadline = timeline ? timeline.date('deadline') : shanghaiDate(new Date(ctx.now().getTime() + 60 * 86_400_000));
  const edition = await createEdition(officeCtx, { profileId: profile.id, number: 1, year, name: `${year}年度${profile.rules.awardName}（演示）`, opensOn: today });
  await setSchedule(officeCtx, edition.id, { applicationDeadline: deadline });
  const callText = profile.rules.texts.callTemplate.replace('{edition}', '一').replace('{deadline}', deadline);
  await publishCall(officeCtx, edition.id, { callText });
  if (!timeline || !options.through) return created;

  const run: DemoRun = { base: ctx, editionId: edition.id, timeline, credentials: [], log: options.log ?? (() => undefined) };
  run.log(`规则版本：${profile.rules.name}（${profile.rules.documentNumber}）`);
  for (const [setting, choice] of Object.entries(profile.rules.openChoices ?? {})) run.log(`  办法未定事项 ${setting}：${choice}`);
  await driveDemo(run, options.through);
  return [...created, ...run.credentials];
}
