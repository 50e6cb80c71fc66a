import { createHash } from 'node:crypto';
import { call, login, pngBytes, uploadForm, type Answer, type Session } from './client.js';
import type { Ledger } from './ledger.js';
import type { SeededApplicant } from './seed.js';

/**
 * A burst of concurrent writes over HTTP, every outcome written to the ledger: autosaves,
 * evidence uploads and submissions by the applicants, the county's signed recommendation
 * opinions, the office's acceptances and the department's qualification opinions. Each
 * application has at most one write in flight, so its revision is known to the client.
 */
export interface BurstActors {
  applicants: Map<string, Session>;
  county: Session;
  office: Session;
  dept: Session;
}

export interface AppView {
  id: string;
  state: string;
  revision: number;
  username: string;
  /** Acknowledged uploads (submission needs evidence). */
  files: number;
  /** Half the applications go through the procedure; the others stay drafts, written at every kill. */
  submits: boolean;
  /** The department has given (or was refused) its opinion. */
  opined?: boolean;
}

const ACTIONABLE = new Set(['draft', 'submitted', 'recommended', 'qualification_review']);

export async function loginActors(base: string, applicants: SeededApplicant[], password: string): Promise<BurstActors> {
  const sessions = new Map<string, Session>();
  for (const a of applicants) sessions.set(a.username, await login(base, a.username, password));
  return { applicants: sessions, county: await login(base, 'county', password), office: await login(base, 'office', password), dept: await login(base, 'dept', password) };
}

/** The applications as the server has them now (after a restart an unanswered write may have landed). */
export async function readApps(base: string, actors: BurstActors, applicants: SeededApplicant[], known: Map<string, AppView>, ledger: Ledger): Promise<Map<string, AppView>> {
  const out = new Map<string, AppView>();
  for (const [index, a] of applicants.entries()) {
    const got = await call(base, 'GET', `/api/applications/${a.applicationId}`, { session: actors.applicants.get(a.username) });
    if (got.status !== 200) throw new Error(`GET application ${a.applicationId}: ${got.status} ${JSON.stringify(got.body)}`);
    const body = got.body as { state: string; revision: number; form: { certifications?: string } };
    ledger.baseline(a.applicationId, body.revision, body.form.certifications ?? null);
    out.set(a.applicationId, { id: a.applicationId, state: body.state, revision: body.revision, username: a.username, files: known.get(a.applicationId)?.files ?? 0, submits: index % 2 === 0 });
  }
  return out;
}

type Step = (app: AppView) => Promise<void>;

export interface BurstOptions {
  base: string;
  actors: BurstActors;
  apps: Map<string, AppView>;
  ledger: Ledger;
  random: () => number;
  workers: number;
  /** Stop picking new work once this is true (the process is being killed). */
  stopped: () => boolean;
  uploadBytes: () => number;
}

export async function runBurst(o: BurstOptions): Promise<void> {
  const busy = new Set<string>();
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(o.random() * items.length)];
  const record = (answer: Answer, kind: 'autosave' | 'upload' | 'transition' | 'opinion', app: AppView): boolean => {
    o.ledger.count(answer.status);
    const ok = answer.status >= 200 && answer.status < 300;
    if (!ok) o.ledger.unacknowledged.push({ kind, applicationId: app.id, requestId: answer.requestId, status: answer.status });
    return ok;
  };

  const autosave: Step = async (app) => {
    const token = `proof-${app.revision + 1}-${Math.floor(o.random() * 1e12).toString(36)}`;
    o.ledger.saveSent(app.id, app.revision + 1, token);
    const a = await call(o.base, 'PATCH', `/api/applications/${app.id}`, { session: o.actors.applicants.get(app.username), json: { revision: app.revision, form: { certifications: token } } });
    if (record(a, 'autosave', app)) {
      const revision = (a.body as { revision: number }).revision;
      o.ledger.saveAcked(app.id, revision, token);
      app.revision = revision;
    } else if (a.status === 409) await refresh(app);
  };
  const upload: Step = async (app) => {
    const bytes = pngBytes(o.random, o.uploadBytes());
    const a = await call(o.base, 'POST', `/api/applications/${app.id}/files?purpose=evidence`, { session: o.actors.applicants.get(app.username), form: uploadForm(bytes, `证明材料${app.files + 1}.png`) });
    if (record(a, 'upload', app)) {
      const body = a.body as { id: string; sha256?: string };
      o.ledger.uploads.push({ applicationId: app.id, fileId: body.id, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, requestId: a.requestId });
      app.files++;
    }
  };
  const transition = (session: () => Session, action: string, body: Record<string, unknown>, kind: 'transition' = 'transition'): Step => async (app) => {
    const a = await call(o.base, 'POST', `/api/applications/${app.id}/actions/${action}`, { session: session(), json: body });
    if (record(a, kind, app)) {
      const state = (a.body as { state: string }).state;
      o.ledger.transitions.push({ applicationId: app.id, action, toState: state, requestId: a.requestId });
      app.state = state;
    } else if (a.status === 409) await refresh(app);
  };
  const opinion: Step = async (app) => {
    const decision = o.random() < 0.9 ? 'pass' : 'fail';
    const a = await call(o.base, 'POST', `/api/applications/${app.id}/qualification`, { session: o.actors.dept, json: decision === 'pass' ? { decision } : { decision, reasons: '抽查发现资质证明材料不完整（崩溃恢复测试）' } });
    if (record(a, 'opinion', app)) {
      o.ledger.opinions.push({ applicationId: app.id, requestId: a.requestId, decision });
      app.state = (a.body as { state: string }).state;
    }
    // One opinion per department: after any answer, the department is done with it.
    if (a.status !== 0) app.opined = true;
  };
  const refresh = async (app: AppView) => {
    const got = await call(o.base, 'GET', `/api/applications/${app.id}`, { session: o.actors.applicants.get(app.username) });
    if (got.status === 200) Object.assign(app, { state: (got.body as AppView).state, revision: (got.body as AppView).revision });
  };
  const today = new Date().toISOString().slice(0, 10);

  const choose = (app: AppView): Step | undefined => {
    const r = o.random();
    switch (app.state) {
      case 'draft':
        // Submissions are rare and only by half the applicants, so drafts are written at every kill.
        if (app.submits && app.files > 1 && r < 0.04) return (a) => transition(() => o.actors.applicants.get(a.username)!, 'submit', {})(a);
        return r < 0.6 ? autosave : upload;
      case 'submitted':
        return transition(() => o.actors.county, 'recommend', { payload: { opinion: '经审核，申报材料真实完整，同意推荐。', signer: '兰山区质量强区办负责人', signedOn: today } });
      case 'recommended':
        return transition(() => o.actors.office, 'accept', {});
      case 'qualification_review':
        return opinion;
      default:
        return undefined;
    }
  };

  const worker = async () => {
    while (!o.stopped()) {
      const free = [...o.apps.values()].filter((a) => !busy.has(a.id) && ACTIONABLE.has(a.state) && !(a.state === 'qualification_review' && a.opined));
      const app = pick(free);
      if (!app) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const step = choose(app);
      if (!step) continue;
      busy.add(app.id);
      try {
        await step(app);
      } finally {
        busy.delete(app.id);
      }
    }
  };
  await Promise.all(Array.from({ length: o.workers }, worker));
}
