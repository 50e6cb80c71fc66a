import { eq, ilike, inArray, or, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.js';
import {
  applications,
  certificates,
  committees,
  committeeSessions,
  editions,
  expertDisqualifications,
  experts,
  files,
  objections,
  organisations,
  publicNotices,
  ruleProfiles,
  scorebooks,
  supervisionCases,
  surveys,
  users,
  winners,
} from '../../db/schema/index.js';

/**
 * How the trail names the objects it records (entity_type → the table that holds them), so the
 * viewer shows names, not ids, and can find records by a name. Each namer answers either "the
 * names of these ids" or "the ids whose name contains this text". A type without a namer (e.g.
 * `login`, whose id is the username itself) keeps a null name.
 */
type Lookup = { ids: string[] } | { text: string };
type Namer = (db: DbOrTx, by: Lookup) => Promise<Array<{ id: string; name: string }>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A name search matches at most this many objects of one type (the filter then lists their records). */
const SEARCH_CAP = 500;

/** `%text%` for ILIKE with the wildcards of the text taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE of a lookup: the ids, or any of the name columns containing the text. */
function where(idColumn: AnyColumn, nameColumns: AnyColumn[], by: Lookup): SQL | undefined {
  if ('ids' in by) return inArray(idColumn, by.ids);
  return or(...nameColumns.map((c) => ilike(c, containsPattern(by.text))));
}

const STAGE_NAMES: Record<string, string> = { material: '材料评审', onsite: '现场评审', defence: '陈述答辩' };

export const NAMERS: Record<string, Namer> = {
  application: (db, by) => db.select({ id: applications.id, name: applications.name }).from(applications).where(where(applications.id, [applications.name], by)).limit(SEARCH_CAP),
  organisation: (db, by) => db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(where(organisations.id, [organisations.name], by)).limit(SEARCH_CAP),
  user: (db, by) => db.select({ id: users.id, name: users.username }).from(users).where(where(users.id, [users.username, users.displayName], by)).limit(SEARCH_CAP),
  edition: (db, by) => db.select({ id: editions.id, name: editions.name }).from(editions).where(where(editions.id, [editions.name], by)).limit(SEARCH_CAP),
  profile: (db, by) => db.select({ id: ruleProfiles.id, name: ruleProfiles.name }).from(ruleProfiles).where(where(ruleProfiles.id, [ruleProfiles.name], by)).limit(SEARCH_CAP),
  file: (db, by) => db.select({ id: files.id, name: files.originalName }).from(files).where(where(files.id, [files.originalName], by)).limit(SEARCH_CAP),
  winner: (db, by) => db.select({ id: winners.id, name: winners.name }).from(winners).where(where(winners.id, [winners.name], by)).limit(SEARCH_CAP),
  expert: async (db, by) =>
    (await db.select({ id: experts.id, name: experts.name, unit: experts.unit }).from(experts).where(where(experts.id, [experts.name, experts.unit], by)).limit(SEARCH_CAP)).map((r) => ({
      id: r.id,
      name: `${r.name}（${r.unit}）`,
    })),
  notice: (db, by) => db.select({ id: publicNotices.id, name: publicNotices.title }).from(publicNotices).where(where(publicNotices.id, [publicNotices.title], by)).limit(SEARCH_CAP),
  certificate: async (db, by) =>
    (
      await db
        .select({ id: certificates.id, serial: certificates.serial, winner: winners.name })
        .from(certificates)
        .innerJoin(winners, eq(winners.id, certificates.winnerId))
        .where(where(certificates.id, [certificates.serial, winners.name], by))
        .limit(SEARCH_CAP)
    ).map((r) => ({ id: r.id, name: `${r.winner} 证书 ${r.serial}` })),
  survey: async (db, by) =>
    (
      await db
        .select({ id: surveys.id, app: applications.name })
        .from(surveys)
        .innerJoin(applications, eq(applications.id, surveys.applicationId))
        .where(where(surveys.id, [applications.name], by))
        .limit(SEARCH_CAP)
    ).map((r) => ({ id: r.id, name: `${r.app} 满意度调查` })),
  // The committee is keyed by its edition.
  committee: async (db, by) =>
    (
      await db
        .select({ id: committees.editionId, edition: editions.name })
        .from(committees)
        .innerJoin(editions, eq(editions.id, committees.editionId))
        .where(where(committees.editionId, [editions.name], by))
        .limit(SEARCH_CAP)
    ).map((r) => ({ id: r.id, name: `${r.edition} 评审委员会` })),
  committee_session: async (db, by) =>
    (
      await db
        .select({ id: committeeSessions.id, heldOn: committeeSessions.heldOn, edition: editions.name })
        .from(committeeSessions)
        .innerJoin(editions, eq(editions.id, committeeSessions.editionId))
        .where(where(committeeSessions.id, [editions.name], by))
        .limit(SEARCH_CAP)
    ).map((r) => ({ id: r.id, name: `${r.edition} 全体会议（${r.heldOn}）` })),
  objection: async (db, by) =>
    (
      await db
        .select({ id: objections.id, reference: objections.reference, app: applications.name })
        .from(objections)
        .innerJoin(applications, eq(applications.id, objections.applicationId))
        .where(where(objections.id, [objections.reference, applications.name], by))
        .limit(SEARCH_CAP)
    ).map((r) => ({ id: r.id, name: `异议 ${r.reference}（${r.app}）` })),
  case: (db, by) => namedCases(db, by),
  supervision_case: (db, by) => namedCases(db, by),
  scorebook: async (db, by) =>
    (
      await db
        .select({ id: scorebooks.id, stage: scorebooks.stage, kind: scorebooks.kind, expert: experts.name, app: applications.name })
        .from(scorebooks)
        .innerJoin(experts, eq(experts.id, scorebooks.expertId))
        .innerJoin(applications, eq(applications.id, scorebooks.applicationId))
        .where(where(scorebooks.id, [experts.name, applications.name], by))
        .limit(SEARCH_CAP)
    ).map((r) => ({ id: r.id, name: `${r.app} ${STAGE_NAMES[r.stage] ?? r.stage}${r.kind === 'consensus' ? '合议' : ''}评分表（${r.expert}）` })),
  expert_disqualification: async (db, by) =>
    (
      await db
        .select({ id: expertDisqualifications.id, expert: experts.name, edition: editions.name })
        .from(expertDisqualifications)
        .innerJoin(experts, eq(experts.id, expertDisqualifications.expertId))
        .innerJoin(editions, eq(editions.id, expertDisqualifications.editionId))
        .where(where(expertDisqualifications.id, [experts.name], by))
        .limit(SEARCH_CAP)
    ).map((r) => ({ id: r.id, name: `${r.expert} 取消评审资格（${r.edition}）` })),
};

async function namedCases(db: DbOrTx, by: Lookup) {
  return db.select({ id: supervisionCases.id, name: supervisionCases.reference }).from(supervisionCases).where(where(supervisionCases.id, [supervisionCases.reference], by)).limit(SEARCH_CAP);
}

/** The current names of the objects some audit records name, keyed `type:id`: one query per type. */
export async function entityNames(db: DbOrTx, rows: Array<{ entityType: string; entityId: string }>): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!NAMERS[r.entityType] || !UUID.test(r.entityId)) continue;
    idsByType.set(r.entityType, (idsByType.get(r.entityType) ?? new Set()).add(r.entityId));
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      for (const { id, name } of await NAMERS[type](db, { ids: [...ids] })) names.set(`${type}:${id}`, name);
    }),
  );
  return names;
}

/** The ids, per entity type, of the objects whose name contains the text (only `type` when given). */
export async function entitiesNamed(db: DbOrTx, text: string, type?: string): Promise<Map<string, string[]>> {
  const types = type ? (NAMERS[type] ? [type] : []) : Object.keys(NAMERS);
  const found = new Map<string, string[]>();
  await Promise.all(
    types.map(async (t) => {
      const ids = (await NAMERS[t](db, { text })).map((r) => r.id);
      if (ids.length) found.set(t, ids);
    }),
  );
  return found;
}

export const isUuid = (s: string) => UUID.test(s);
