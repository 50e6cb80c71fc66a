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
  kind: 'autosave' | 'upload' | 'transition' | 'opinion';
  applicationId: string;
  requestId: string;
  status: number;
}

interface SaveTrack {
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

  count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  private track(applicationId: string): SaveTrack {
    let t = this.saves.get(applicationId);
    if (!t) this.saves.set(applicationId, (t = { ackedRevision: 0, ackedToken: null, sent: new Map() }));
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

  /** How many writes got a 2xx. */
  acknowledged(): number {
    return this.ackedSaves + this.uploads.length + this.transitions.length + this.opinions.length;
  }
}
