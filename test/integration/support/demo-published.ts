import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TechnicalReport } from '../../../src/contract/technical-report.js';
import { applications, committeeSessions, editions, experts, objections, organisations, panelAssignments, ruleProfiles, technicalReports } from '../../../src/db/schema/index.js';
import { shanghaiToday } from '../../../src/domain/calendar/dates.js';
import { detectConflictsNaive } from '../../../src/domain/conflicts/naive.js';
import { conflictKey } from '../../../src/domain/conflicts/types.js';
import { certificatePrefixOf } from '../../../src/domain/profile/decision-settings.js';
import { technicalSettings } from '../../../src/domain/profile/technical-settings.js';
import { verifyAuditChain } from '../../../src/services/audit/verify.js';
import { PAST_TECHNICAL } from '../../../src/services/decision/composite.js';
import { loadDemo } from '../../../src/services/seed/demo.js';
import { publicationSummary } from '../../../src/services/seed/demo/publication.js';
import { budget } from '../../support/budget.js';
import { databaseKinds } from './databases.js';
import { startTestApp, type TestApp } from './app.js';
import { describeProfileOutcomes } from './profile-outcomes.js';

/**
 * The demo driven through the publication under one profile, on each database: what any profile
 * must give (applications, pool, report, conflicts, certificates, the audit chain), then what
 * follows from this profile's numbers (profile-outcomes.ts). demo.test.ts runs it under Linyi's
 * rules and demo-example-city.test.ts under the example city's, one file each so they run apart.
 */
export function describeDemoThroughPublication(profileCode: string): void {
    describe.each(databaseKinds)(`the demo driven through the publication under ${profileCode} on %s`, (kind) => {
    let t: TestApp;
    let dataDir: string;
    const log: string[] = [];
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'mqa-demo-'));
      t = await startTestApp(kind, { DEMO_PASSWORD: 'Demo-Pass-2026', DATA_DIR: dataDir });
      const started = performance.now();
      const cpu = process.cpuUsage();
      await loadDemo(t.systemCtx(), { through: 'published', profile: profileCode, log: (line) => log.push(line) });
      const used = process.cpuUsage(cpu);
      // CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours.
      console.log(`demo through published under ${profileCode} on ${kind}: ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s\n${log.join('\n')}`);
    }, budget(900_000));
    afterAll(async () => {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    const db = () => t.database.db;

    it('files at least 20 applications and builds a pool of at least 40 experts who can log in', async () => {
      const [edition] = await db().select().from(editions);
      const apps = await db().select().from(applications).where(eq(applications.editionId, edition.id));
      expect(apps.length).toBeGreaterThanOrEqual(20);
      expect(apps.filter((a) => a.kind === 'individual').length).toBeGreaterThan(0);
      // Every application went through submission with its evidence.
      expect(apps.every((a) => a.submittedAt !== null)).toBe(true);
      const pool = await db().select().from(experts);
      expect(pool.length).toBeGreaterThanOrEqual(40);
      const expert = await t.login('expert01', 'Demo-Pass-2026');
      expect((await expert.get('/api/expert/work')).statusCode).toBe(200);
    });

    it('submits the technical results report with every reviewed applicant ranked', async () => {
      const [edition] = await db().select().from(editions);
      const [report] = await db().select().from(technicalReports).where(eq(technicalReports.editionId, edition.id));
      expect(report).toBeDefined();
      const content = report.content as unknown as TechnicalReport;
      const reviewed = await db().select({ id: applications.id, state: applications.state }).from(applications).where(and(eq(applications.editionId, edition.id), inArray(applications.state, [...PAST_TECHNICAL, 'not_advanced'])));
      expect(reviewed.filter((a) => a.state !== 'not_advanced').length).toBeGreaterThan(0);
      expect(reviewed.filter((a) => a.state === 'not_advanced').length).toBeGreaterThan(0);
      const ranked = content.sections.flatMap((s) => s.rows.map((r) => r.applicationId));
      expect(new Set(ranked)).toEqual(new Set(reviewed.map((a) => a.id)));
      for (const section of content.sections) expect(section.rows.map((r) => r.rank)).toEqual(section.rows.map((_, i) => i + 1));
      // The office receives it in the browser.
      const office = await t.login('office', 'Demo-Pass-2026');
      const seen = await office.get(`/api/technical/editions/${edition.id}/report`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().submittedAt).not.toBeNull();
      // Nothing is left half way: no application still in a technical stage.
      const waiting = await db().select({ id: applications.id }).from(applications).where(and(eq(applications.editionId, edition.id), inArray(applications.state, ['qualified', 'material_review', 'onsite_review', 'defence_review'])));
      expect(waiting).toEqual([]);
    });

    it('never puts a conflicted expert on a panel, though the pool has real conflicts [Art.24]', async () => {
      const [edition] = await db().select().from(editions);
      const [profile] = await db().select().from(ruleProfiles).where(eq(ruleProfiles.id, edition.profileId));
      const pool = await db().select().from(experts);
      const apps = await db()
        .select({ id: applications.id, name: applications.name, kind: applications.kind, form: applications.form, countyName: organisations.name })
        .from(applications)
        .leftJoin(organisations, eq(organisations.id, applications.countyId))
        .where(eq(applications.editionId, edition.id));
      const panels = await db().select().from(panelAssignments).where(eq(panelAssignments.editionId, edition.id));
      expect(panels.length).toBeGreaterThan(0);
      const year = Number(shanghaiToday(panels[0].createdAt).slice(0, 4));
      // The naive oracle, independent of the index the solver's callers use.
      const conflicts = detectConflictsNaive(
        pool,
        apps.map((a) => ({ id: a.id, name: a.name, unit: a.kind === 'individual' ? String(a.form.workUnit) : a.name, countyName: a.countyName })),
        technicalSettings(profile.rules).conflictRules,
        { year },
      );
      const panelled = new Set(panels.map((p) => p.applicationId));
      expect(conflicts.filter((c) => panelled.has(c.applicationId)).length).toBeGreaterThanOrEqual(4);
      const conflicted = new Set(conflicts.map((c) => conflictKey(c.expertId, c.applicationId)));
      expect(panels.filter((p) => conflicted.has(conflictKey(p.expertId, p.applicationId)))).toEqual([]);
    });

    it('publishes winners within the quotas, each with a certificate the public page says is valid [Art.2][Art.27]', async () => {
      const summary = (await publicationSummary(t.systemCtx()))!;
      expect(summary.winners.length).toBeGreaterThan(0);
      const [edition] = await db().select().from(editions);
      const [{ rules }] = await db().select().from(ruleProfiles).where(eq(ruleProfiles.id, edition.profileId));
      for (const category of ['award', 'nomination'] as const) {
        for (const k of ['unit', 'individual'] as const) expect(summary.winners.filter((w) => w.category === category && w.kind === k).length).toBeLessThanOrEqual(rules.quotas[category][k]);
      }
      expect(summary.winners.some((w) => w.category === 'award')).toBe(true);
      for (const w of summary.winners) {
        const page = await t.app.inject({ method: 'GET', url: w.certificate!.verifyPath });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('有效');
        expect(page.body).toContain(w.name);
        // The serial opens with this profile's city prefix, not Linyi's by habit.
        expect(w.certificate!.serial.startsWith(`${certificatePrefixOf(rules)}-${edition.year}-`), w.certificate!.serial).toBe(true);
      }
      // One character of a serial changed: unknown, and nothing of the winner shown.
      const { serial, verifyPath } = summary.winners[0].certificate!;
      const last = serial.at(-1) === 'A' ? 'B' : 'A';
      const forged = await t.app.inject({ method: 'GET', url: verifyPath.replace(serial, serial.slice(0, -1) + last) });
      expect(forged.body).toContain('未找到');
      expect(forged.body).not.toContain(summary.winners[0].name);
      // The public archive lists the edition with its winners, none revoked.
      const archive = await t.app.inject({ method: 'GET', url: '/api/public/archive' });
      expect(JSON.stringify(archive.json())).toContain(summary.winners[0].name);
    });

    it('ran the survey, the plenary and the notice with one objection dismissed', async () => {
      expect(log.join('\n')).toMatch(/社会满意度测评：\d+ 个候选对象/);
      const [objection] = await db().select().from(objections);
      expect(objection.status).toBe('dismissed');
      const [session] = await db().select().from(committeeSessions);
      expect(session.closedAt).not.toBeNull();
      const stillOpen = await db().select({ id: applications.id }).from(applications).where(inArray(applications.state, ['satisfaction_survey', 'candidate', 'proposed', 'leadership_approved', 'public_notice', 'government_approved']));
      expect(stillOpen).toEqual([]);
    });

    it('leaves an audit chain that verifies', async () => {
      const result = await verifyAuditChain(db());
      expect(result.firstBroken).toBeNull();
      expect(result.ok).toBe(true);
      expect(result.checked).toBeGreaterThan(500);
    });

    describeProfileOutcomes(() => ({ db: t.database.db, ctx: t.systemCtx(), log }));
  });}
