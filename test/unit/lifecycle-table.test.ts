import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATES,
  availableTransitions,
  buildLifecycle,
  checkTransition,
  FINAL_STATES,
  GUARD_NAMES,
  STATE_LABELS,
  type Transition,
} from '../../src/domain/lifecycle/index.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { loadProfile } from './support/profiles.js';
import { BASE_CONTEXT, contextPassing, FAILING } from './support/lifecycle-fixtures.js';

const table = buildLifecycle(loadProfile('linyi-2017'));
const A = 'applicant';
type Who = typeof A | Role;

/**
 * The Linyi 2017 lifecycle written out by hand from SPEC §4: [from, to, who, reason required, by].
 * 'procedure' steps are taken by the engine (on the procedure's own guards, or on a recorded
 * decision of the body named here), never by a person.
 */
const P = 'procedure' as const;
const EXPECTED: [string, string, Who[], boolean, ('actor' | 'procedure')?][] = [
  ['draft', 'submitted', [A], false],
  ['submitted', 'recommended', ['county'], false],
  ['submitted', 'not_recommended', ['county'], true],
  ['recommended', 'accepted', ['office'], false],
  ['recommended', 'returned', ['office'], true],
  ['recommended', 'rejected', ['office'], true],
  ['returned', 'submitted', [A], false],
  ['returned', 'rejected', ['office'], true],
  ['accepted', 'qualification_review', ['office'], false, P],
  ['qualification_review', 'qualified', ['office'], false, P],
  ['qualification_review', 'disqualified', ['office'], true],
  ['qualified', 'material_review', ['agency'], false],
  ['material_review', 'onsite_review', ['agency'], false, P],
  ['material_review', 'not_advanced', ['agency'], false, P],
  ['onsite_review', 'defence_review', ['agency'], false, P],
  ['onsite_review', 'not_advanced', ['agency'], false, P],
  ['defence_review', 'technical_reviewed', ['agency'], false, P],
  ['defence_review', 'not_advanced', ['agency'], false, P],
  ['technical_reviewed', 'satisfaction_survey', ['office'], false],
  ['satisfaction_survey', 'candidate', ['office'], false, P],
  ['satisfaction_survey', 'not_selected', ['office'], false, P],
  ['candidate', 'proposed', ['committee'], false, P],
  ['candidate', 'not_selected', ['committee'], false, P],
  ['proposed', 'leadership_approved', ['leadership'], false, P],
  ['proposed', 'not_selected', ['leadership'], false, P],
  ['proposed', 'candidate', ['leadership'], false, P],
  ['leadership_approved', 'public_notice', ['office'], false],
  ['public_notice', 'government_approved', ['government'], false, P],
  ['public_notice', 'not_awarded', ['government'], false, P],
  ['public_notice', 'not_selected', ['office'], false, P],
  ['government_approved', 'awarded', ['office'], false],
  ['government_approved', 'nominated', ['office'], false],
  ['awarded', 'revoked', ['government'], false, P],
  ['nominated', 'revoked', ['government'], false, P],
  // Art. 25: a substantiated report excludes an applicant at any step before publication.
  ...[
    'accepted', 'qualification_review', 'qualified', 'material_review', 'onsite_review', 'defence_review',
    'technical_reviewed', 'satisfaction_survey', 'candidate', 'proposed', 'leadership_approved', 'public_notice', 'government_approved',
  ].map((from): [string, string, Who[], boolean, 'procedure'] => [from, 'excluded', ['leadership'], false, P]),
  ...[
    'draft', 'submitted', 'recommended', 'returned', 'accepted', 'qualification_review', 'qualified',
    'material_review', 'onsite_review', 'defence_review', 'technical_reviewed', 'satisfaction_survey',
    'candidate', 'proposed', 'leadership_approved', 'public_notice',
  ].map((from): [string, string, Who[], boolean] => [from, 'withdrawn', [A], true]),
];

const transitionOf = (from: string, to: string): Transition => table.transitions.find((t) => t.from === from && t.to === to)!;

describe('the Linyi 2017 table', () => {
  it('has exactly the transitions of SPEC §4', () => {
    const actual = table.transitions.map((t) => `${t.from} → ${t.to}`).sort();
    expect(actual).toEqual(EXPECTED.map(([f, t]) => `${f} → ${t}`).sort());
  });

  it('has every state once, labelled in Chinese, and the fixed final states', () => {
    expect([...table.states].sort()).toEqual([...APPLICATION_STATES].sort());
    for (const s of table.states) expect(STATE_LABELS[s]).toMatch(/[\u4e00-\u9fa5]/);
    expect(table.finalStates).toEqual([...FINAL_STATES]);
    expect(FINAL_STATES).not.toContain('awarded');
  });

  it('uses every guard somewhere', () => {
    expect(new Set(table.transitions.flatMap((t) => t.guards))).toEqual(new Set(GUARD_NAMES));
  });

  it('takes the procedure steps by the procedure only', () => {
    for (const [from, to, , , by] of EXPECTED) expect(`${from} → ${to}: ${transitionOf(from, to).trigger}`).toBe(`${from} → ${to}: ${by ?? 'actor'}`);
    const procedural = EXPECTED.filter(([, , , , by]) => by === P);
    for (const [from, to] of procedural) {
      const t = transitionOf(from, to);
      const r = checkTransition(table, { from, to, roles: [...t.roles], context: contextPassing(t.guards), reason: '理由' });
      expect(r).toMatchObject({ ok: false, reason: 'procedure_only' });
    }
  });
});

const cases = EXPECTED.flatMap(([from, to, who, reasonRequired, by]) =>
  ROLES.map((role) => ({ from, to, role, reasonRequired, by: by ?? 'actor', allowed: who.includes(role) || (who.includes(A) && role === 'applicant_unit') })),
);

describe.each(cases)('$from → $to by $role (unit application) [Art.7]', ({ from, to, role, reasonRequired, by, allowed }) => {
  const context = contextPassing(transitionOf(from, to).guards);
  it(allowed ? 'is allowed' : 'is refused as wrongRole', () => {
    const r = checkTransition(table, { from, to, roles: [role], context, reason: '理由', by });
    if (allowed) {
      expect(r).toMatchObject({ ok: true, transition: { from, to } });
    } else {
      expect(r).toMatchObject({ ok: false, reason: 'wrong_role' });
      expect(!r.ok && r.message).toMatch(/只能由.+操作/);
    }
  });
  if (allowed) {
    it(reasonRequired ? 'requires a reason' : 'needs no reason', () => {
      for (const reason of [undefined, '', '   ']) {
        const r = checkTransition(table, { from, to, roles: [role], context, reason, by });
        expect(r.ok).toBe(!reasonRequired);
        if (!r.ok) expect(r).toMatchObject({ reason: 'reason_required', message: expect.stringContaining('须填写理由') });
      }
    });
  }
});

describe('applicant roles follow the applicant kind', () => {
  const applicantMoves = EXPECTED.filter(([, , who]) => who.includes(A));
  it.each(applicantMoves)('%s → %s: the individual may, the unit role may not, on an individual application', (from, to) => {
    const context = contextPassing(transitionOf(from, to).guards, { applicantKind: 'individual' });
    expect(checkTransition(table, { from, to, roles: ['applicant_individual'], context, reason: '理由' }).ok).toBe(true);
    expect(checkTransition(table, { from, to, roles: ['applicant_unit'], context, reason: '理由' })).toMatchObject({ ok: false, reason: 'wrong_role' });
  });
});

describe('every pair not in the table is refused for every role', () => {
  const listed = new Set(EXPECTED.map(([f, t]) => `${f}|${t}`));
  const pairs = table.states.flatMap((from) => table.states.filter((to) => !listed.has(`${from}|${to}`)).map((to) => ({ from, to })));
  it.each(pairs)('$from → $to', ({ from, to }) => {
    const r = checkTransition(table, { from, to, roles: [...ROLES], context: BASE_CONTEXT, reason: '理由' });
    const expected = (FINAL_STATES as readonly string[]).includes(from) ? 'final_state' : 'not_allowed';
    expect(r).toMatchObject({ ok: false, reason: expected, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('unknown states are refused', () => {
    expect(checkTransition(table, { from: 'draft', to: 'nowhere', roles: [...ROLES], context: BASE_CONTEXT })).toMatchObject({ ok: false, reason: 'unknown_state' });
  });
});

describe('guards', () => {
  const guarded = table.transitions.flatMap((t) => t.guards.map((guard) => ({ from: t.from, to: t.to, guard, by: t.trigger, role: (t.roles[0] === 'applicant_individual' ? 'applicant_unit' : t.roles[0]) as Role })));
  it.each(guarded)('$from → $to is refused when $guard fails', ({ from, to, guard, role, by }) => {
    const [over, fragment] = FAILING[guard];
    const context = contextPassing(transitionOf(from, to).guards, over);
    const r = checkTransition(table, { from, to, roles: [role], context, reason: '理由', by });
    expect(r).toMatchObject({ ok: false, reason: 'guard_failed', guard });
    expect(!r.ok && r.message).toContain(fragment);
  });

  it('submission closes at 24:00 Shanghai time on the deadline day [Art.14]', () => {
    const at = (iso: string) =>
      checkTransition(table, { from: 'draft', to: 'submitted', roles: ['applicant_unit'], context: { ...BASE_CONTEXT, now: new Date(iso) } }).ok;
    expect(at('2026-06-30T15:59:59.999Z')).toBe(true);
    expect(at('2026-06-30T16:00:00.000Z')).toBe(false);
  });

  it('government approval waits until the day after the notice ends (Shanghai time) [Art.17][Art.18]', () => {
    const at = (iso: string) =>
      checkTransition(table, {
        from: 'public_notice',
        to: 'government_approved',
        roles: ['government'],
        by: 'procedure',
        context: { ...BASE_CONTEXT, noticeEndsOn: '2026-10-12', now: new Date(iso) },
      }).ok;
    expect(at('2026-10-12T15:59:59.999Z')).toBe(false);
    expect(at('2026-10-12T16:00:00.000Z')).toBe(true);
  });
});

describe('availableTransitions', () => {
  it('shows the office its three buttons on a recommended application, acceptance disabled with the reason', () => {
    const buttons = availableTransitions(table, 'recommended', ['office'], { ...BASE_CONTEXT, eligibilityFailureCount: 1, eligibilityFailedArticles: ['第十条第（一）项'] });
    expect(buttons.map((b) => [b.transition.to, b.enabled])).toEqual([
      ['accepted', false],
      ['returned', true],
      ['rejected', true],
    ]);
    expect(buttons[0].blockedBy).toEqual({ guard: 'eligibilityPassed', message: '有 1 项申报条件不符合（第十条第（一）项）' });
  });

  it('shows an applicant submit and withdraw on a draft, nothing to other roles', () => {
    expect(availableTransitions(table, 'draft', ['applicant_unit'], BASE_CONTEXT).map((b) => b.transition.action)).toEqual(['submit', 'withdraw']);
    expect(availableTransitions(table, 'draft', ['office', 'county', 'sysadmin'], BASE_CONTEXT)).toEqual([]);
    expect(availableTransitions(table, 'draft', ['applicant_individual'], BASE_CONTEXT)).toEqual([]);
  });

  it('offers nothing in a final state', () => {
    for (const s of FINAL_STATES) expect(availableTransitions(table, s, [...ROLES], BASE_CONTEXT)).toEqual([]);
  });
});
