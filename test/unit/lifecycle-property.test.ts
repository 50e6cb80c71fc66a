import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildLifecycle,
  checkTransition,
  effectiveRoles,
  GUARDS,
  type ApplicationState,
  type LifecycleContext,
  type LifecycleTable,
} from '../../src/domain/lifecycle/index.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { TECHNICAL_STAGES } from '../../src/domain/profile/schema.js';
import { loadProfile } from './support/profiles.js';
import { budget } from '../support/budget.js';

interface HistoryEntry {
  from: ApplicationState;
  to: ApplicationState;
  roles: readonly Role[];
  reason: string | null;
}

const randomContextArb: fc.Arbitrary<LifecycleContext> = fc.record({
  now: fc.date({ min: new Date('2026-05-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
  applicantKind: fc.constantFrom('unit' as const, 'individual' as const),
  applicationDeadline: fc.constantFrom('2026-06-30', '2026-09-30'),
  correctionDeadline: fc.constantFrom(null, '2026-07-15'),
  materialsComplete: fc.boolean(),
  countyCapReached: fc.boolean(),
  eligibilityFailureCount: fc.nat(2),
  eligibilityFailedArticles: fc.constantFrom([], ['第六条'], ['第十条第（一）项', '第三条第一款']),
  departmentOpinions: fc.record({ expected: fc.constant(9), received: fc.integer({ min: 7, max: 9 }), objections: fc.nat(1) }),
  stageScoresComplete: fc.boolean(),
  surveyComplete: fc.boolean(),
  noticeEndsOn: fc.constantFrom(null, '2026-06-15', '2026-10-12'),
  openObjections: fc.nat(1),
  reconfirmationPending: fc.boolean(),
  outcomeCategory: fc.constantFrom(null, 'award' as const, 'nomination' as const, 'none' as const),
  revocationProposed: fc.boolean(),
  misconductSubstantiated: fc.boolean(),
});

/** A context in which most guards hold, so that walks get deep. */
const FRIENDLY: LifecycleContext = {
  now: new Date('2026-06-01T00:00:00Z'), applicantKind: 'unit', applicationDeadline: '2026-06-30', correctionDeadline: null,
  materialsComplete: true, countyCapReached: false, eligibilityFailureCount: 0, eligibilityFailedArticles: [],
  departmentOpinions: { expected: 9, received: 9, objections: 0 }, stageScoresComplete: true, surveyComplete: true,
  noticeEndsOn: '2026-05-20', openObjections: 0, reconfirmationPending: false, outcomeCategory: 'award', revocationProposed: true, misconductSubstantiated: true,
};
const contextArb = fc.oneof({ weight: 3, arbitrary: fc.constant(FRIENDLY) }, { weight: 1, arbitrary: randomContextArb });

/**
 * One action: toward any state at all, toward a listed exit of the current state, or
 * (most often, so that walks get deep) toward a listed exit that is not a final state.
 */
const actionArb = fc.record({
  target: fc.constantFrom('any', 'exit', 'forward', 'forward', 'forward'),
  pick: fc.nat(),
  roles: fc.subarray([...ROLES], { minLength: 1, maxLength: 3 }),
  /** Also hold a role the chosen move accepts (random roles alone rarely do). */
  addFittingRole: fc.boolean(),
  context: contextArb,
  reason: fc.option(fc.constantFrom('', '  ', '材料不全'), { nil: null }),
});

type Action = typeof actionArb extends fc.Arbitrary<infer T> ? T : never;

let deepest = 0;

function run(table: LifecycleTable, actions: Action[]): void {
  let state: ApplicationState = table.initial;
  const history: HistoryEntry[] = [];
  for (const a of actions) {
    deepest = Math.max(deepest, history.length);
    const exits = table.transitions.filter((t) => t.from === state);
    const forward = exits.filter((t) => !table.finalStates.includes(t.to));
    const choices = a.target === 'forward' && forward.length > 0 ? forward : exits;
    const to = a.target === 'any' || choices.length === 0 ? table.states[a.pick % table.states.length] : choices[a.pick % choices.length].to;
    const before = structuredClone(history);
    const listed = exits.find((t) => t.to === to);
    const fitting = listed && a.addFittingRole ? effectiveRoles(listed, a.context).slice(0, 1) : [];
    const roles = [...a.roles, ...fitting];
    // Procedure steps are taken by the procedure (the engine), never by a person: try them both ways.
    if (listed?.trigger === 'procedure') {
      expect(checkTransition(table, { from: state, to, roles, context: a.context, reason: a.reason, by: 'actor' })).toMatchObject({ ok: false, reason: 'procedure_only' });
    }
    const r = checkTransition(table, { from: state, to, roles, context: a.context, reason: a.reason, by: listed?.trigger ?? 'actor' });
    if (r.ok) {
      // The table allows exactly this move, for one of these roles, with its guards and reason.
      const t = r.transition;
      expect([t.from, t.to]).toEqual([state, to]);
      expect(table.transitions).toContain(t);
      expect(roles.some((role) => effectiveRoles(t, a.context).includes(role))).toBe(true);
      for (const g of t.guards) expect(GUARDS[g].test(a.context)).toBe(true);
      if (t.reasonRequired) expect((a.reason ?? '').trim()).not.toBe('');
      expect(table.finalStates).not.toContain(state);
      history.push({ from: state, to, roles, reason: a.reason });
      state = to;
    } else {
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // Append-only: earlier entries never change or disappear.
    expect(history.slice(0, before.length)).toEqual(before);
    expect(history.length - before.length).toBe(r.ok ? 1 : 0);
    expect(table.states).toContain(state);
  }
  // The history is a chain from draft to the current state.
  history.forEach((h, i) => expect(h.from).toBe(i === 0 ? table.initial : history[i - 1].to));
  expect(history.at(-1)?.to ?? table.initial).toBe(state);
}

describe('random actions by random roles', () => {
  const linyi = loadProfile('linyi-2017');
  it('never reach a state the Linyi table does not allow and never lose history', () => {
    const table = buildLifecycle(linyi);
    deepest = 0;
    fc.assert(fc.property(fc.array(actionArb, { maxLength: 120, size: 'max' }), (actions) => run(table, actions)), { numRuns: 300 });
    // Some walks must get well past the county stage for the property to mean anything.
    expect(deepest).toBeGreaterThanOrEqual(15);
    // 300 walks of up to 120 steps: about 2 s alone, much more on a busy 2-core machine.
  }, budget(120_000));

  it('hold for every stage order a profile may choose', () => {
    const orders = fc.constantFrom<(typeof TECHNICAL_STAGES)[number][]>(
      ['material'],
      ['material', 'onsite'],
      ['material', 'defence'],
      ['material', 'onsite', 'defence'],
      ['material', 'defence', 'onsite'],
    );
    fc.assert(
      fc.property(orders, fc.array(actionArb, { maxLength: 80, size: 'max' }), (stages, actions) =>
        run(buildLifecycle({ code: 'random', technicalStages: stages }), actions),
      ),
      { numRuns: 150 },
    );
  }, budget(120_000));

  it('can reach revocation: the walk is not vacuous', () => {
    const table = buildLifecycle(linyi);
    const path: [ApplicationState, Role][] = [
      ['submitted', 'applicant_unit'], ['recommended', 'county'], ['accepted', 'office'], ['qualification_review', 'office'],
      ['qualified', 'office'], ['material_review', 'agency'], ['onsite_review', 'agency'], ['defence_review', 'agency'],
      ['technical_reviewed', 'agency'], ['satisfaction_survey', 'office'], ['candidate', 'office'], ['proposed', 'committee'],
      ['leadership_approved', 'leadership'], ['public_notice', 'office'], ['government_approved', 'government'],
      ['awarded', 'office'], ['revoked', 'government'],
    ];
    const context: LifecycleContext = {
      now: new Date('2026-06-01T00:00:00Z'), applicantKind: 'unit', applicationDeadline: '2026-06-30', correctionDeadline: null,
      materialsComplete: true, countyCapReached: false, eligibilityFailureCount: 0, eligibilityFailedArticles: [],
      departmentOpinions: { expected: 9, received: 9, objections: 0 }, stageScoresComplete: true, surveyComplete: true,
      noticeEndsOn: '2026-05-20', openObjections: 0, reconfirmationPending: false, outcomeCategory: 'award', revocationProposed: true, misconductSubstantiated: true,
    };
    let state: ApplicationState = 'draft';
    for (const [to, role] of path) {
      const by = table.transitions.find((t) => t.from === state && t.to === to)?.trigger ?? 'actor';
      const r = checkTransition(table, { from: state, to, roles: [role], context, reason: '依第二十八条撤销', by });
      expect(r, `${state} → ${to}`).toMatchObject({ ok: true });
      state = to;
    }
  });
});
