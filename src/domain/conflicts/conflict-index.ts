import type { CountyGroup, DetectedConflicts } from './detect.js';
import { explainDeclared } from './explain.js';
import { conflictRuleKey, type Conflict, type DeclaredConflict, type DismissedConflict } from './types.js';

export interface ConflictIndexInput {
  /** What detection found: a flat list, or the grouped result of detectConflictGroups. */
  detected?: readonly Conflict[] | DetectedConflicts;
  /** Declared by the expert or entered by the agency; these cannot be dismissed. */
  declared?: readonly DeclaredConflict[];
  /** Detected conflicts judged false positives: each removes that one rule for that one pair. */
  dismissed?: readonly DismissedConflict[];
}

/**
 * The conflicts in force for an edition, asked pair by pair (the solver, a manual edit, an import
 * all ask here). Pairs are held as application → expert → reasons, so a question is two map
 * look-ups, no string building; same-county groups are answered from each side's county.
 */
export class ConflictIndex {
  private readonly byApplication = new Map<string, Map<string, Conflict[]>>();
  private readonly expertCounty = new Map<string, CountyGroup>();
  private readonly applicationCounty = new Map<string, CountyGroup>();
  private readonly dismissed: Set<string>;

  constructor({ detected = [], declared = [], dismissed = [] }: ConflictIndexInput = {}) {
    this.dismissed = new Set(dismissed.filter((d) => d.rule !== 'declared').map((d) => conflictRuleKey(d.expertId, d.applicationId, d.rule)));
    const flat = Array.isArray(detected) ? (detected as readonly Conflict[]) : (detected as DetectedConflicts).pairs;
    for (const c of flat) if (!this.isDismissed(c.expertId, c.applicationId, c.rule)) this.add(c);
    if (!Array.isArray(detected)) {
      for (const g of (detected as DetectedConflicts).countyGroups) {
        for (const e of g.expertIds) this.expertCounty.set(e, g);
        for (const a of g.applicationIds) this.applicationCounty.set(a, g);
      }
    }
    for (const d of declared) {
      this.add({ expertId: d.expertId, applicationId: d.applicationId, rule: 'declared', explanation: explainDeclared(d) });
    }
  }

  private isDismissed(expertId: string, applicationId: string, rule: Conflict['rule']): boolean {
    return this.dismissed.size > 0 && this.dismissed.has(conflictRuleKey(expertId, applicationId, rule));
  }

  private add(c: Conflict): void {
    let experts = this.byApplication.get(c.applicationId);
    if (!experts) this.byApplication.set(c.applicationId, (experts = new Map()));
    const list = experts.get(c.expertId);
    if (!list) experts.set(c.expertId, [c]);
    else if (c.rule === 'declared' || !list.some((x) => x.rule === c.rule)) list.push(c);
  }

  private countyConflict(expertId: string, applicationId: string): Conflict | null {
    const group = this.expertCounty.get(expertId);
    if (!group || this.applicationCounty.get(applicationId) !== group) return null;
    if (this.isDismissed(expertId, applicationId, 'same_county')) return null;
    return { expertId, applicationId, rule: 'same_county', explanation: group.explanation };
  }

  isConflicted(expertId: string, applicationId: string): boolean {
    return this.byApplication.get(applicationId)?.has(expertId) === true || this.countyConflict(expertId, applicationId) !== null;
  }

  /**
   * The experts that may not handle the application, each once: what a solver needs per
   * application without asking every pair.
   */
  expertsConflictedWith(applicationId: string): string[] {
    const out = new Set(this.byApplication.get(applicationId)?.keys() ?? []);
    const group = this.applicationCounty.get(applicationId);
    if (group) for (const e of group.expertIds) if (this.countyConflict(e, applicationId)) out.add(e);
    return [...out];
  }

  /** Every reason in force for the pair; empty when the pair may be assigned. */
  reasons(expertId: string, applicationId: string): Conflict[] {
    const listed = this.byApplication.get(applicationId)?.get(expertId) ?? [];
    const county = listed.some((c) => c.rule === 'same_county') ? null : this.countyConflict(expertId, applicationId);
    return county ? [...listed, county] : [...listed];
  }
}
