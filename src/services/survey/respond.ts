import { and, eq, isNull } from 'drizzle-orm';
import type { Questionnaire, SurveyAnswer } from '../../contract/survey.js';
import type { DbOrTx } from '../../db/connection.js';
import { applications, editions, ruleProfiles, surveyCodes, surveyResponses, surveys } from '../../db/schema/index.js';
import { shanghaiToday } from '../../domain/calendar/dates.js';
import { decisionSettings, RESPONDENT_GROUP_LABELS, type RespondentGroup } from '../../domain/profile/decision-settings.js';
import { normaliseCode } from '../../domain/survey/codes.js';
import { answerProblems, scaleLabels } from '../../domain/survey/score.js';
import { inTransaction, type ServiceContext } from '../context.js';
import { invalid, isUniqueViolation, ServiceError } from '../errors.js';
import { codeHash } from './codes.js';

/** The public side of the survey: a respondent reads the questionnaire of a code and answers it once. */

const unknownCode = () => new ServiceError('survey_code_invalid', '测评码无效，请核对后重新输入');
const usedCode = () => new ServiceError('survey_code_used', '该测评码已经提交过答卷，每个测评码只能使用一次');

interface CodeTarget {
  codeId: string;
  usedAt: Date | null;
  group: RespondentGroup;
  surveyId: string;
  opensOn: string;
  closesOn: string;
  closedAt: Date | null;
  questions: Record<string, string[]>;
  candidateName: string;
  scale: number;
}

/** The code's survey, or the refusal a respondent should read (unknown, used, outside the period). */
async function resolveCode(db: DbOrTx, typed: string, now: Date): Promise<CodeTarget> {
  const code = normaliseCode(typed);
  if (!code) throw unknownCode();
  const [row] = await db
    .select({
      codeId: surveyCodes.id,
      usedAt: surveyCodes.usedAt,
      group: surveyCodes.respondentGroup,
      surveyId: surveys.id,
      opensOn: surveys.opensOn,
      closesOn: surveys.closesOn,
      closedAt: surveys.closedAt,
      questions: surveys.questions,
      candidateName: applications.name,
      rules: ruleProfiles.rules,
    })
    .from(surveyCodes)
    .innerJoin(surveys, eq(surveys.id, surveyCodes.surveyId))
    .innerJoin(applications, eq(applications.id, surveys.applicationId))
    .innerJoin(editions, eq(editions.id, surveys.editionId))
    .innerJoin(ruleProfiles, eq(ruleProfiles.id, editions.profileId))
    .where(eq(surveyCodes.codeHash, codeHash(code)));
  if (!row) throw unknownCode();
  if (row.usedAt) throw usedCode();
  const today = shanghaiToday(now);
  if (row.closedAt) throw new ServiceError('survey_closed', '本次测评已结束，感谢您的关注');
  if (today > row.closesOn) throw new ServiceError('survey_closed', `本次测评已于 ${row.closesOn} 结束，感谢您的关注`);
  if (today < row.opensOn) throw new ServiceError('survey_closed', `本次测评将于 ${row.opensOn} 开始，请届时再来答卷`);
  const { rules, ...rest } = row;
  return { ...rest, group: row.group as RespondentGroup, scale: decisionSettings(rules).survey.scale };
}

/** The questionnaire behind a code: the candidate, the group, the questions and the scale. */
export async function questionnaireByCode(ctx: ServiceContext, typed: string): Promise<Questionnaire> {
  const target = await resolveCode(ctx.db, typed, ctx.now());
  return {
    candidateName: target.candidateName,
    group: target.group,
    groupLabel: RESPONDENT_GROUP_LABELS[target.group],
    questions: target.questions[target.group] ?? [],
    scale: target.scale,
    scaleLabels: scaleLabels(target.scale),
    closesOn: target.closesOn,
  };
}

/**
 * Records one answer sheet for a code. The code is claimed with a compare-and-set on usedAt
 * (of two concurrent submissions one claims it, the other finds it used) and the unique index
 * on the response's code is the last word: exactly one response per code, whatever the timing.
 */
export async function submitAnswers(ctx: ServiceContext, typed: string, input: SurveyAnswer): Promise<{ ok: true }> {
  try {
    return await inTransaction(ctx, async (tctx) => {
      const target = await resolveCode(tctx.tx, typed, tctx.now());
      const questions = target.questions[target.group] ?? [];
      const problems = answerProblems(input.answers, questions.length, target.scale);
      if (problems.length) throw invalid(problems, '请完整回答全部问题');
      const claimed = await tctx.tx
        .update(surveyCodes)
        .set({ usedAt: tctx.now() })
        .where(and(eq(surveyCodes.id, target.codeId), isNull(surveyCodes.usedAt)))
        .returning({ id: surveyCodes.id });
      if (claimed.length === 0) throw usedCode();
      await tctx.tx.insert(surveyResponses).values({ surveyId: target.surveyId, codeId: target.codeId, respondentGroup: target.group, answers: input.answers, comment: input.comment?.trim() || null, submittedAt: tctx.now() });
      return { ok: true as const };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'survey_responses_code_uq')) throw usedCode();
    throw error;
  }
}
