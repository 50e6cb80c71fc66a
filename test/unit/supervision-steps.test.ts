import { describe, expect, it } from 'vitest';
import { CASE_KINDS, CASE_STATUSES, CASE_STEPS, type CaseKind, type CaseStatus } from '../../src/contract/supervision.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { caseStepsFor, caseStepVerdict, closingOutcome, mayOpenCase, STEP_ROLES, type CaseFacts } from '../../src/domain/supervision/steps.js';

const actor = (role: Role) => ({ userId: 'u', roles: [role], organisationId: null });
const facts = (kind: CaseKind, status: CaseStatus, extra: Partial<CaseFacts> = {}): CaseFacts => ({
  kind,
  status,
  finding: status === 'open' ? null : 'substantiated',
  subjectIsWinner: kind === 'revocation',
  subjectInProcedure: kind === 'applicant',
  announced: status === 'announced',
  ...extra,
});

describe('supervision case steps (one definition for the guards and the browser)', () => {
  it('a step is only ever allowed to its own role, never on a closed case, and the steps array says the same', () => {
    for (const kind of CASE_KINDS)
      for (const status of CASE_STATUSES)
        for (const role of ROLES) {
          const f = facts(kind, status);
          const listed = caseStepsFor(actor(role), f);
          for (const step of CASE_STEPS) {
            const verdict = caseStepVerdict(actor(role), step, f);
            if (verdict.allowed) {
              expect(role).toBe(STEP_ROLES[step]);
              expect(status).not.toBe('closed');
            }
            expect(listed.find((s) => s.step === step)).toEqual({ step, allowed: verdict.allowed, reason: verdict.allowed ? null : verdict.reason });
          }
        }
  });

  it('the revocation path takes its steps in order: verify, propose, decide, announce, close [Art.28][Art.29]', () => {
    const path: Array<[CaseStatus, string]> = [['open', 'verify'], ['verified', 'propose'], ['proposed', 'decide'], ['decided', 'announce'], ['announced', 'close']];
    for (const [status, allowedStep] of path) {
      const allowed = CASE_STEPS.filter((s) => s !== 'addEvidence' && caseStepVerdict(actor(STEP_ROLES[s]), s, facts('revocation', status)).allowed);
      // At 'proposed' the office may also close (the leadership or government declined).
      expect(allowed).toEqual(status === 'proposed' ? ['decide', 'close'] : status === 'verified' ? ['propose', 'close'] : [allowedStep]);
    }
    expect(caseStepVerdict(actor('office'), 'close', facts('revocation', 'decided'))).toMatchObject({ allowed: false, code: 'case_step' });
  });

  it('an applicant still in the procedure is ruled on by the leadership; one no longer in it cannot be [Art.25]', () => {
    expect(caseStepVerdict(actor('leadership'), 'propose', facts('applicant', 'verified')).allowed).toBe(true);
    expect(caseStepVerdict(actor('leadership'), 'propose', facts('applicant', 'verified', { subjectInProcedure: false })).allowed).toBe(false);
    expect(caseStepVerdict(actor('government'), 'decide', facts('applicant', 'proposed')).allowed).toBe(false);
    expect(caseStepVerdict(actor('government'), 'decide', facts('applicant', 'proposed', { subjectIsWinner: true })).allowed).toBe(true);
  });

  it('the wrong role is told 403 before the wrong status 409; closing records what the case came to', () => {
    expect(caseStepVerdict(actor('leadership'), 'verify', facts('staff', 'closed'))).toMatchObject({ code: 'wrong_role' });
    expect(caseStepVerdict(null, 'verify', facts('staff', 'open'))).toMatchObject({ code: 'unauthenticated' });
    expect(closingOutcome(facts('staff', 'verified'))).toBe('referred');
    expect(closingOutcome(facts('staff', 'verified', { finding: 'unsubstantiated' }))).toBe('no_action');
    expect(closingOutcome(facts('revocation', 'announced'))).toBe('revoked');
    expect(closingOutcome(facts('revocation', 'proposed'))).toBe('no_action');
    expect(mayOpenCase(actor('committee'), 'revocation')).toMatchObject({ allowed: false, code: 'wrong_role' });
    expect(mayOpenCase(actor('committee'), 'expert').allowed).toBe(true);
    expect(mayOpenCase(actor('leadership'), 'staff').allowed).toBe(false);
  });
});
