import { call, login, type Answer, type Session } from './client.js';
import { scoreKey, type Ledger, type Unacknowledged } from './ledger.js';
import type { ScoringSeed, VotingSeed } from './review-seed.js';

/**
 * The review side of a crash burst, every outcome in the ledger: experts autosave their
 * material-review scorebooks (compare-and-set on the revision, as the scoring page does) and
 * submit some of them; committee members cast their secret ballots on the open plenary, and
 * once every member present has cast (or tried), the office voids the round and opens a new
 * one, so ballots keep coming at every kill. One write per scorebook in flight; ballots of
 * different members run concurrently (their tallies are shared rows), the office's alone.
 */
export interface ReviewActors {
  experts: Map<string, Session>;
  members: Map<string, Session>;
  office: Session;
}

export interface BookView {
  applicationId: string;
  expertId: string;
  username: string;
  codes: string[];
  /** 0 before the first save. */
  revision: number;
  status: 'draft' | 'submitted';
  /** Half the scorebooks get submitted; the others stay drafts, written at every kill. */
  submits: boolean;
}

export interface VoteView {
  editionId: string;
  members: VotingSeed['members'];
  /** The open session, null when none is (after a void, or an open that got no answer). */
  sessionId: string | null;
  candidates: string[];
  /** `${sessionId}/${userId}` of every sheet sent (answered or not: a member sends one sheet per session, ever). */
  sent: Set<string>;
}

export interface ReviewSystems {
  scoring: { base: string; seed: ScoringSeed };
  voting: { base: string; seed: VotingSeed };
}

export async function loginReviewers(s: ReviewSystems, password: string): Promise<ReviewActors> {
  const experts = new Map<string, Session>();
  for (const username of new Set(s.scoring.seed.books.map((b) => b.username))) experts.set(username, await login(s.scoring.base, username, password));
  const members = new Map<string, Session>();
  for (const m of s.voting.seed.members) members.set(m.username, await login(s.voting.base, m.username, password));
  return { experts, members, office: await login(s.voting.base, 'office', password) };
}

const scorebookUrl = (b: { applicationId: string }) => `/api/applications/${b.applicationId}/scorebooks/material/mine`;

/** The scorebooks and the open session as the servers have them now (an unanswered write may have landed). */
export async function readReview(s: ReviewSystems, actors: ReviewActors, previous: { books: Map<string, BookView>; vote: VoteView } | null): Promise<{ books: Map<string, BookView>; vote: VoteView }> {
  // A scorebook whose unanswered write landed is learnt on its next write's 409 (refreshBook): no need to read them all.
  const books = previous?.books ?? new Map(s.scoring.seed.books.map((b, i) => [scoreKey(b.applicationId, b.expertId), { ...b, revision: 0, status: 'draft' as const, submits: i % 2 === 0 }]));
  const vote: VoteView = previous?.vote ?? { editionId: s.voting.seed.editionId, members: s.voting.seed.members, sessionId: null, candidates: s.voting.seed.candidates, sent: new Set() };
  if (!(await refreshVote(s.voting.base, actors, vote))) throw new Error('GET member sheet: no answer from the restarted server');
  return { books, vote };
}

/**
 * The open session, from a member's sheet. The sheets sent are kept across restarts: a member
 * whose sheet got no answer never sends another in that session, so the ledger knows the
 * choices of every sheet that can have landed.
 */
async function refreshVote(base: string, actors: ReviewActors, vote: VoteView): Promise<boolean> {
  const sheet = await call(base, 'GET', `/api/committee/editions/${vote.editionId}`, { session: actors.members.get(vote.members[0].username) });
  // No answer (the server is being killed): the view stays as it was; the restart reads it again.
  if (sheet.status !== 200) return false;
  const session = (sheet.body as { session: { id: string; applicationIds: string[] } | null }).session;
  Object.assign(vote, { sessionId: session?.id ?? null, candidates: session?.applicationIds ?? vote.candidates });
  return true;
}

async function refreshBook(base: string, actors: ReviewActors, book: BookView): Promise<void> {
  const got = await call(base, 'GET', scorebookUrl(book).replace(/\/mine$/, ''), { session: actors.experts.get(book.username) });
  // No answer (the server is being killed): the next write's 409 asks again.
  if (got.status !== 200) return;
  const mine = (got.body as { mine: { revision: number; status: 'draft' | 'submitted' } | null }).mine;
  Object.assign(book, { revision: mine?.revision ?? 0, status: mine?.status ?? 'draft' });
}

export interface ReviewBurstOptions {
  systems: ReviewSystems;
  actors: ReviewActors;
  books: Map<string, BookView>;
  vote: VoteView;
  ledger: Ledger;
  random: () => number;
  workers: number;
  stopped: () => boolean;
}

const STRENGTHS = '制度健全，执行记录完整（崩溃恢复测试）';

export async function runReviewBurst(o: ReviewBurstOptions): Promise<void> {
  const busy = new Set<string>();
  const { scoring, voting } = o.systems;
  const record = (answer: Answer, kind: Unacknowledged['kind'], subject: string): boolean => {
    o.ledger.count(answer.status);
    const ok = answer.status >= 200 && answer.status < 300;
    if (!ok) o.ledger.unacknowledged.push({ kind, applicationId: subject, requestId: answer.requestId, status: answer.status });
    return ok;
  };

  const save = async (book: BookView) => {
    const key = scoreKey(book.applicationId, book.expertId);
    const token = `proof-${book.revision + 1}-${Math.floor(o.random() * 1e12).toString(36)}`;
    // Every item scored (so a submission can follow), the token in the first item's notes.
    const items = Object.fromEntries(book.codes.map((code, i) => [code, { percent: 5 * (2 + Math.floor(o.random() * 18)), ...(i === 0 ? { strengths: `${STRENGTHS} ${token}` } : {}) }]));
    o.ledger.scoreSent(key, book.revision + 1, token);
    const a = await call(scoring.base, 'PUT', scorebookUrl(book), { session: o.actors.experts.get(book.username), json: { revision: book.revision, items } });
    if (record(a, 'score', book.applicationId)) {
      const revision = (a.body as { mine: { revision: number } }).mine.revision;
      o.ledger.scoreAcked(key, revision, token);
      book.revision = revision;
    } else if (a.status === 409) await refreshBook(scoring.base, o.actors, book);
  };
  const submit = async (book: BookView) => {
    const a = await call(scoring.base, 'POST', `${scorebookUrl(book)}/submit`, { session: o.actors.experts.get(book.username) });
    if (record(a, 'score-submit', book.applicationId)) {
      o.ledger.scoreSubmits.push({ applicationId: book.applicationId, expertId: book.expertId, requestId: a.requestId });
      book.status = 'submitted';
    } else if (a.status === 409) await refreshBook(scoring.base, o.actors, book);
  };

  const cast = async (member: VoteView['members'][number]) => {
    const v = o.vote;
    v.sent.add(`${v.sessionId}/${member.userId}`);
    const choices = v.candidates.map((applicationId) => ({ applicationId, choice: ['award', 'nomination', 'neither'][Math.floor(o.random() * 3)] }));
    const a = await call(voting.base, 'POST', `/api/committee/editions/${v.editionId}/ballot`, { session: o.actors.members.get(member.username), json: { sessionId: v.sessionId, choices } });
    const acked = record(a, 'ballot', v.sessionId!);
    o.ledger.ballots.push({ sessionId: v.sessionId!, userId: member.userId, choices, requestId: a.requestId, acked });
  };
  const office = async () => {
    const v = o.vote;
    const base = `/api/decision/editions/${v.editionId}/committee/sessions`;
    if (v.sessionId) {
      const a = await call(voting.base, 'POST', `${base}/${v.sessionId}/void`, { session: o.actors.office, json: { reason: '崩溃恢复测试：本轮表决作废，重新表决' } });
      if (record(a, 'session', v.sessionId)) o.ledger.sessions.push({ action: 'void', sessionId: v.sessionId, requestId: a.requestId });
      // Whatever the answer, this round is over for the burst (a restart reads what the server has).
      v.sessionId = null;
      return;
    }
    const heldOn = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const a = await call(voting.base, 'POST', base, { session: o.actors.office, json: { heldOn, presentUserIds: v.members.map((m) => m.userId) } });
    if (record(a, 'session', '')) {
      const opened = a.body as { id: string };
      o.ledger.sessions.push({ action: 'open', sessionId: opened.id, requestId: a.requestId });
      v.sessionId = opened.id;
    } else if (a.status !== 0) await refreshVote(voting.base, o.actors, v);
  };

  /** The next vote write, if none conflicts with those in flight: a ballot, else the office's void or open. */
  const voteStep = (): (() => Promise<void>) | undefined => {
    const v = o.vote;
    if (busy.has('office')) return undefined;
    if (v.sessionId) {
      const waiting = v.members.filter((m) => !v.sent.has(`${v.sessionId}/${m.userId}`) && !busy.has(m.userId));
      if (waiting.length) {
        const member = waiting[Math.floor(o.random() * waiting.length)];
        return lock(member.userId, () => cast(member));
      }
      if (v.members.some((m) => busy.has(m.userId))) return undefined;
    }
    return lock('office', office);
  };
  const lock = (id: string, work: () => Promise<void>) => async () => {
    busy.add(id);
    try {
      await work();
    } finally {
      busy.delete(id);
    }
  };
  const scoreStep = (): (() => Promise<void>) | undefined => {
    const free = [...o.books.values()].filter((b) => b.status === 'draft' && !busy.has(scoreKey(b.applicationId, b.expertId)));
    const book = free[Math.floor(o.random() * free.length)];
    if (!book) return undefined;
    const ready = book.submits && book.revision >= 2 && o.random() < 0.15;
    return lock(scoreKey(book.applicationId, book.expertId), () => (ready ? submit(book) : save(book)));
  };

  const worker = async () => {
    while (!o.stopped()) {
      // Ballots are few per round: a third of the picks go to the vote, the rest to scoring.
      const step = o.random() < 0.33 ? (voteStep() ?? scoreStep()) : (scoreStep() ?? voteStep());
      if (!step) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      await step();
    }
  };
  await Promise.all(Array.from({ length: o.workers }, worker));
}
