import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { DbOrTx } from '../../../src/db/connection.js';
import { applications, decisionItems, decisions, editions, panelAssignments, publicNotices, ruleProfiles, stageSchedules, winners } from '../../../src/db/schema/index.js';
import { addDays } from '../../../src/domain/calendar/dates.js';
import { decisionSettings } from '../../../src/domain/profile/decision-settings.js';
import { APPLICANT_KINDS, type ApplicantKind, type RuleProfile } from '../../../src/domain/profile/schema.js';
import { loadWorkingCalendar } from '../../../src/services/calendar.js';
import type { ServiceContext } from '../../../src/services/context.js';
import { compositeScores } from '../../../src/services/decision/composite.js';

/**
 * What follows from the edition's profile once the demo has published its winners, asserted from
 * the profile's numbers and never from Linyi's: the same assertions run under every profile, so a
 * rule hard-coded to one city's numbers fails under the other's.
 */

interface Loaded {
  db: DbOrTx;
  ctx: ServiceContext;
  log: string[];
}

async function editionAndProfile(db: DbOrTx): Promise<{ editionId: string; name: string; profileCode: string; rules: RuleProfile }> {
  const [row] = await db.select({ editionId: editions.id, name: editions.name, profileCode: ruleProfiles.code, rules: ruleProfiles.rules }).from(editions).innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId));
  return row;
}

/** Per kind, the items of an edition's decisions of `kind` with `outcome`, in the order the decisions were taken. */
async function decided(db: DbOrTx, editionId: string, kind: string): Promise<Array<{ decisionId: string; applicationKind: ApplicantKind; outcome: string }>> {
  const rows = await db
    .select({ decisionId: decisions.id, applicationKind: applications.kind, outcome: decisionItems.outcome })
    .from(decisionItems)
    .innerJoin(decisions, eq(decisions.id, decisionItems.decisionId))
    .innerJoin(applications, eq(applications.id, decisionItems.applicationId))
    .where(and(eq(decisions.editionId, editionId), eq(decisions.kind, kind)))
    .orderBy(asc(decisions.createdAt));
  return rows.map((r) => ({ ...r, applicationKind: r.applicationKind as ApplicantKind }));
}

const countOf = <T>(rows: readonly T[], test: (row: T) => boolean) => rows.filter(test).length;

export function describeProfileOutcomes(loaded: () => Loaded): void {
  describe('as the edition profile says', () => {
    it('runs under the profile asked for, named after its award', async () => {
      const { name, profileCode, rules } = await editionAndProfile(loaded().db);
      expect(name).toContain(rules.awardName);
      expect(loaded().log.join('\n')).toContain(rules.documentNumber);
      expect(profileCode).toBe(rules.code);
    });

    it('recommends every application, several from one county, as a profile without a county cap allows [Art.14]', async () => {
      const { editionId, rules } = await editionAndProfile(loaded().db);
      const apps = await loaded().db.select({ countyId: applications.countyId, state: applications.state }).from(applications).where(eq(applications.editionId, editionId));
      // None stayed at "submitted": no county was refused a recommendation.
      expect(apps.filter((a) => a.state === 'submitted')).toEqual([]);
      const perCounty = new Map<string | null, number>();
      for (const a of apps) perCounty.set(a.countyId, (perCounty.get(a.countyId) ?? 0) + 1);
      const most = Math.max(...perCounty.values());
      if (rules.countyCap === null) expect(most).toBeGreaterThanOrEqual(3);
      else expect(most).toBeLessThanOrEqual(rules.countyCap);
    });

    it('runs the technical stages in the profile order with its panel size, advancing as many as its caps allow [Art.15]', async () => {
      const { db } = loaded();
      const { editionId, rules } = await editionAndProfile(db);
      const panels = await db.select({ stage: panelAssignments.stage, applicationId: panelAssignments.applicationId, createdAt: panelAssignments.createdAt }).from(panelAssignments).where(eq(panelAssignments.editionId, editionId));
      const firstPanel = (stage: string) => Math.min(...panels.filter((p) => p.stage === stage).map((p) => p.createdAt.getTime()));
      const stagesByFirstPanel = [...new Set(panels.map((p) => p.stage))].sort((a, b) => firstPanel(a) - firstPanel(b));
      expect(stagesByFirstPanel).toEqual(rules.technicalStages);
      // The scheduled visits and defences of a later stage all come after those of the stage before.
      const schedules = await db.select({ stage: stageSchedules.stage, applicationId: stageSchedules.applicationId, scheduledOn: stageSchedules.scheduledOn }).from(stageSchedules).innerJoin(applications, eq(applications.id, stageSchedules.applicationId)).where(eq(applications.editionId, editionId));
      const later = rules.technicalStages.slice(1);
      for (let i = 1; i < later.length; i++) {
        const before = schedules.filter((s) => s.stage === later[i - 1]).map((s) => s.scheduledOn);
        const after = schedules.filter((s) => s.stage === later[i]).map((s) => s.scheduledOn);
        expect(after.length).toBeGreaterThan(0);
        expect([...after].sort()[0] > [...before].sort().at(-1)!).toBe(true);
        // Only those scheduled at the stage before reach the next one.
        const reached = new Set(schedules.filter((s) => s.stage === later[i - 1]).map((s) => s.applicationId));
        expect(schedules.filter((s) => s.stage === later[i] && !reached.has(s.applicationId))).toEqual([]);
      }
      // A material review panel has the profile's minimum size.
      const perApp = new Map<string, number>();
      for (const p of panels.filter((x) => x.stage === 'material')) perApp.set(p.applicationId, (perApp.get(p.applicationId) ?? 0) + 1);
      expect(new Set(perApp.values())).toEqual(new Set([rules.panelMinSize]));
      // One advancement decision per stage in the profile's order (the last one the report's); a cap is filled, never passed.
      const items = await decided(db, editionId, 'advancement');
      const decisionIds = [...new Set(items.map((i) => i.decisionId))];
      expect(decisionIds.length).toBe(rules.technicalStages.length);
      decisionIds.slice(0, -1).forEach((id, i) => {
        const cap = rules.advancement[rules.technicalStages[i]];
        if (cap === null || cap === undefined) return;
        for (const kind of APPLICANT_KINDS) {
          const ofKind = items.filter((x) => x.decisionId === id && x.applicationKind === kind);
          expect(countOf(ofKind, (x) => x.outcome === 'advance'), `${rules.technicalStages[i]} ${kind}`).toBe(Math.min(cap, ofKind.length));
        }
      });
    });

    it('composes the scores with the profile stage weights and its Art. 11 preference [Art.11][Art.16]', async () => {
      const { db } = loaded();
      const { editionId, rules } = await editionAndProfile(db);
      const rows = (await compositeScores(db, editionId, rules)).filter((r) => r.composite !== null);
      expect(rows.length).toBeGreaterThan(0);
      const w = rules.stageWeights;
      const later = rules.technicalStages.filter((s) => s !== 'material') as Array<'onsite' | 'defence'>;
      const forms = await db.select({ id: applications.id, form: applications.form }).from(applications).where(eq(applications.editionId, editionId));
      const claimed = new Map(forms.map((a) => [a.id, (a.form.preferenceCategories as string[] | undefined) ?? []]));
      let preferred = 0;
      for (const r of rows) {
        const onsiteDefence = later.reduce((s, stage) => s + r[stage]!, 0) / later.length;
        expect(r.composite!).toBeCloseTo(w.material * r.material! + w.onsiteDefence * onsiteDefence + w.satisfaction * r.satisfaction!, 1);
        const categories = rules.preference.categories.filter((c) => claimed.get(r.applicationId)!.includes(c.code));
        const bonus = rules.preference.mode === 'bonus' && categories.length > 0 ? rules.preference.bonusPoints : 0;
        if (categories.length) preferred++;
        expect(r.adjusted! - r.composite!).toBeCloseTo(bonus, 6);
      }
      // The demo's cast has preferred applicants, so the setting had something to act on.
      expect(preferred).toBeGreaterThan(0);
    });

    it('lists candidates within the profile limit and fills the award, then the nomination places to its quotas [Art.2][Art.16][Art.18]', async () => {
      const { db } = loaded();
      const { editionId, rules } = await editionAndProfile(db);
      const listed = await decided(db, editionId, 'candidate_list');
      const won = await db.select({ kind: winners.kind, category: winners.category }).from(winners).where(eq(winners.editionId, editionId));
      for (const kind of APPLICANT_KINDS) {
        const candidates = countOf(listed, (i) => i.applicationKind === kind && i.outcome === 'candidate');
        expect(candidates).toBeLessThanOrEqual(decisionSettings(rules).candidateLimit[kind]);
        const awards = countOf(won, (w) => w.kind === kind && w.category === 'award');
        const nominations = countOf(won, (w) => w.kind === kind && w.category === 'nomination');
        expect({ kind, awards, nominations }).toEqual({ kind, awards: Math.min(rules.quotas.award[kind], candidates), nominations: Math.min(rules.quotas.nomination[kind], candidates - Math.min(rules.quotas.award[kind], candidates)) });
      }
    });

    it('keeps the notice open for the profile working days [Art.17]', async () => {
      const { db } = loaded();
      const { editionId, rules } = await editionAndProfile(db);
      const [notice] = await db.select().from(publicNotices).where(eq(publicNotices.editionId, editionId));
      const calendar = await loadWorkingCalendar(db);
      let working = 0;
      for (let d = notice.startsOn; d <= notice.endsOn; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) working++;
      expect(calendar.isWorkingDay(notice.endsOn)).toBe(true);
      expect(working).toBe(rules.noticeWorkingDays);
      // The winners were decided after the notice, not during it.
      const [government] = await db.select({ decidedOn: decisions.decidedOn }).from(decisions).where(and(eq(decisions.editionId, editionId), inArray(decisions.kind, ['government_decision'])));
      expect(government.decidedOn > notice.endsOn).toBe(true);
    });
  });
}
