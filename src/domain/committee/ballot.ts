import type { ApplicantKind } from '../profile/schema.js';
import { validateList, type EditionQuotas, type ListEntry, type ListValidation } from '../quotas/index.js';
import { votesNeeded } from '../profile/decision-settings.js';

/**
 * The plenary's ballot rules (Art. 9, 16; SPEC §9), pure: the committee's composition, the
 * result per candidate from the counts, the proposed list. The ballot is secret, so these
 * rules only ever see counts — never who chose what.
 */

export const BALLOT_CHOICES = ['award', 'nomination', 'neither'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];
export const BALLOT_CHOICE_LABELS: Record<BallotChoice, string> = { award: '市长质量奖', nomination: '提名奖', neither: '均不推荐' };

export const COMMITTEE_POSITIONS = ['chair', 'vice_chair', 'member'] as const;
export type CommitteePosition = (typeof COMMITTEE_POSITIONS)[number];
export const COMMITTEE_POSITION_LABELS: Record<CommitteePosition, string> = { chair: '主任', vice_chair: '副主任', member: '委员' };

export type CandidateOutcome = 'award' | 'nomination' | 'not_proposed';
export const CANDIDATE_OUTCOME_LABELS: Record<CandidateOutcome, string> = { award: '建议授予市长质量奖', nomination: '建议授予提名奖', not_proposed: '未列入建议名单' };

/** The smallest committee that can be constituted. */
export const MIN_COMMITTEE_SIZE = 3;

/** Why the committee cannot be constituted as it stands (empty when it can); `even` gets its own code. */
export function constitutionProblems(positions: readonly CommitteePosition[]): { even: boolean; problems: string[] } {
  const problems: string[] = [];
  const n = positions.length;
  if (n < MIN_COMMITTEE_SIZE) problems.push(`评审委员会至少须有 ${MIN_COMMITTEE_SIZE} 名成员，现有 ${n} 名`);
  const even = n > 0 && n % 2 === 0;
  if (even) problems.push(`评审委员会组成人数须为单数（第九条），现有 ${n} 名`);
  const chairs = positions.filter((p) => p === 'chair').length;
  if (chairs !== 1) problems.push(chairs === 0 ? '须指定一名主任' : `主任只能有一名，现有 ${chairs} 名`);
  return { even, problems };
}

export type VoteCounts = Record<BallotChoice, number>;
export const noVotes = (): VoteCounts => ({ award: 0, nomination: 0, neither: 0 });

/** One member's sheet: a choice per candidate they are entitled to. */
export type BallotSheet = ReadonlyMap<string, BallotChoice> | Readonly<Record<string, BallotChoice>>;

/** The counts per candidate of a set of sheets (what ballot_tallies holds, built by increments). */
export function tallySheets(sheets: readonly BallotSheet[]): Map<string, VoteCounts> {
  const out = new Map<string, VoteCounts>();
  for (const sheet of sheets) {
    const entries = sheet instanceof Map ? [...sheet] : Object.entries(sheet);
    for (const [applicationId, choice] of entries) {
      const counts = out.get(applicationId) ?? noVotes();
      counts[choice as BallotChoice] += 1;
      out.set(applicationId, counts);
    }
  }
  return out;
}

export interface CandidateResult {
  applicationId: string;
  kind: ApplicantKind;
  /** Members of the committee less those recused from this candidate. */
  entitled: number;
  /** Votes a result needs: more than `thresholdShare` of `entitled`. */
  needed: number;
  votes: VoteCounts;
  /** Sheets that named this candidate. */
  cast: number;
  outcome: CandidateOutcome;
}

export interface ResultInput {
  /** Every member of the committee (not only those present: the threshold is of the members). */
  memberIds: readonly string[];
  recusals: ReadonlyArray<{ userId: string; applicationId: string }>;
  candidates: ReadonlyArray<{ applicationId: string; kind: ApplicantKind }>;
  tallies: ReadonlyMap<string, VoteCounts>;
  thresholdShare: number;
}

/**
 * The result per candidate. The award carries with `needed` votes for it; otherwise the
 * nomination carries when the votes for the award and for the nomination together reach
 * `needed` — a vote for the award counts toward at least the nomination, since a member who
 * would award a candidate would also nominate it. Otherwise the candidate is not proposed.
 */
export function candidateResults(input: ResultInput): CandidateResult[] {
  const members = new Set(input.memberIds);
  return input.candidates.map(({ applicationId, kind }) => {
    const recused = new Set(input.recusals.filter((r) => r.applicationId === applicationId && members.has(r.userId)).map((r) => r.userId));
    const entitled = members.size - recused.size;
    const needed = votesNeeded(entitled, input.thresholdShare);
    const votes = { ...noVotes(), ...input.tallies.get(applicationId) };
    const cast = votes.award + votes.nomination + votes.neither;
    const outcome: CandidateOutcome = votes.award >= needed ? 'award' : votes.award + votes.nomination >= needed ? 'nomination' : 'not_proposed';
    return { applicationId, kind, entitled, needed, votes, cast, outcome };
  });
}

/** The proposed list the results make, checked against the quotas (Art. 2: at most, vacancies allowed). */
export function proposedList(results: readonly CandidateResult[], quotas: EditionQuotas): { list: ListEntry[]; check: ListValidation } {
  const list = results.flatMap((r): ListEntry[] => (r.outcome === 'not_proposed' ? [] : [{ applicationId: r.applicationId, kind: r.kind, category: r.outcome }]));
  return { list, check: validateList(list, quotas) };
}
