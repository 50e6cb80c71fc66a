/**
 * What the clients know: every write that got a 2xx (it must survive any crash, with its
 * content), and every write sent without a 2xx (it may be there or not, but never half).
 */
export interface AckedUpload {
  applicationId: string;
  fileId: string;
  sha256: string;
  size: number;
  requestId: string;
}

export interface Transition {
  applicationId: string;
  action: string;
  toState: string;
  requestId: string;
}

/** A write sent that got no 2xx: no answer (status 0), a refusal or a server error. */
export interface Unacknowledged {
  kind: 'autosave' | 'upload' | 'transition' | 'opinion' | 'score' | 'score-submit' | 'ballot' | 'session';
  /** The application written to; for a ballot or a session, the committee session (when known). */
  applicationId: string;
  requestId: string;
  status: number;
}

/** A ballot sent: who, in which session, with what choices; acked once a 2xx came back. */
export interface SentBallot {
  sessionId: string;
  userId: string;
  choices: Array<{ applicationId: string; choice: string }>;
  requestId: string;
  acked: boolean;
}

/** A scorebook, by application and expert: `${applicationId}/${expertId}`. */
export const scoreKey = (applicationId: string, expertId: string) => `${applicationId}/${expertId}`;

export interface SaveTrack {
  ackedRevision: number;
  ackedToken: string | null;
  /** Token sent per resulting revision (a save with revision r writes r + 1). */
  sent: Map<number, Set<string>>;
}

export class Ledger {
  readonly saves = new Map<string, SaveTrack>();
  readonly uploads: AckedUpload[] = [];
  readonly transitions: Transition[] = [];
  readonly opinions: Array<{ applicationId: string; requestId: string; decision: string }> = [];
  readonly unacknowledged: Unacknowledged[] = [];
  readonly statuses = new Map<number, number>();
  /** Expert scorebooks (independent, material review) by scoreKey, with the same revision rule as autosaves. */
  readonly scores = new Map<string, SaveTrack>();
  readonly scoreSubmits: Array<{ applicationId: string; expertId: string; requestId: string }> = [];
  readonly ballots: SentBallot[] = [];
  /** The office opening or voiding a plenary session, acknowledged. */
  readonly sessions: Array<{ action: 'open' | 'void'; sessionId: string; requestId: string }> = [];

  count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  private track(applicationId: string, map = this.saves): SaveTrack {
    let t = map.get(applicationId);
    if (!t) map.set(applicationId, (t = { ackedRevision: 0, ackedToken: null, sent: new Map() }));
    return t;
  }

  /** What the application held before the first burst: the baseline no crash may go below. */
  baseline(applicationId: string, revision: number, token: string | null): void {
    if (!this.saves.has(applicationId)) this.saves.set(applicationId, { ackedRevision: revision, ackedToken: token, sent: new Map() });
  }

  saveSent(applicationId: string, resultingRevision: number, token: string): void {
    const t = this.track(applicationId);
    if (!t.sent.has(resultingRevision)) t.sent.set(resultingRevision, new Set());
    t.sent.get(resultingRevision)!.add(token);
  }

  saveAcked(applicationId: string, revision: number, token: string): void {
    const t = this.track(applicationId);
    this.ackedSaves++;
    if (revision > t.ackedRevision) Object.assign(t, { ackedRevision: revision, ackedToken: token });
  }

  ackedSaves = 0;

  /** A scorebook save with `revision` (0 before the first) sent: it writes revision + 1 (the first save writes 1). */
  scoreSent(key: string, resultingRevision: number, token: string): void {
    const t = this.track(key, this.scores);
    if (!t.sent.has(resultingRevision)) t.sent.set(resultingRevision, new Set());
    t.sent.get(resultingRevision)!.add(token);
  }

  scoreAcked(key: string, revision: number, token: string): void {
    const t = this.track(key, this.scores);
    this.ackedScores++;
    if (revision > t.ackedRevision) Object.assign(t, { ackedRevision: revision, ackedToken: token });
  }

  ackedScores = 0;

  /** Writes that got a 2xx, per kind. */
  acknowledgedByKind(): Record<string, number> {
    return {
      autosave: this.ackedSaves,
      upload: this.uploads.length,
      transition: this.transitions.length,
      opinion: this.opinions.length,
      score: this.ackedScores,
      scoreSubmit: this.scoreSubmits.length,
      ballot: this.ballots.filter((b) => b.acked).length,
      session: this.sessions.length,
    };
  }

  /** How many writes got a 2xx. */
  acknowledged(): number {
    return Object.values(this.acknowledgedByKind()).reduce((a, b) => a + b, 0);
  }
}
