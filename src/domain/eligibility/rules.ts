import { addYears, isIsoDate, type IsoDate } from '../calendar/dates.js';
import { normaliseCreditCode, validateCreditCode } from '../identity/credit-code.js';
import { birthDateOf, normaliseIdNumber, validateIdNumber } from '../identity/id-number.js';
import type { RuleProfile } from '../profile/schema.js';
import type {
  EditionDates,
  EligibilityFailure,
  EligibilityResult,
  IndividualEligibilityInput,
  PreviousWinner,
  UnitEligibilityInput,
} from './types.js';

type EligibilityRules = Pick<RuleProfile, 'eligibility'>;

/**
 * Whether a period that started on `startedOn` has lasted at least `years` full years
 * on `deadline`: exactly N years (the anniversary falls on the deadline) passes.
 */
export function yearsCompleted(startedOn: IsoDate, years: number, deadline: IsoDate): boolean {
  return addYears(startedOn, years) <= deadline;
}

/** The founding of the People's Republic: no business in the city's register started earlier. */
export const EARLIEST_BUSINESS_START: IsoDate = '1949-10-01';
/** Minimum working age (劳动法第十五条): quality work cannot have started before the 16th birthday. */
export const MIN_WORKING_AGE = 16;

/**
 * Art. 3: the registration authority's region (GB 32100 pos 3–8) must lie within the city, and
 * in 'county' mode within the chosen county (the city-level authority, xx00, registers for all of them).
 */
function regionFailures(rules: RuleProfile['eligibility'], code: string, countyRegionCode: string | null | undefined): EligibilityFailure[] {
  const mode = rules.regionCheck ?? 'off';
  if (mode === 'off' || !rules.cityRegionCode) return [];
  const region = code.slice(2, 8);
  const city = rules.cityRegionCode;
  if (!region.startsWith(city)) {
    return [{ code: 'outsideRegion', article: '第三条第一款', field: 'creditCode', message: `统一社会信用代码第3–8位（登记管理机关行政区划码）“${region}”不在本市（${city}）行政区域内，申报单位应在本市行政区域内依法成立` }];
  }
  if (mode === 'county' && countyRegionCode && region !== `${city}00` && region !== countyRegionCode) {
    return [{ code: 'countyMismatch', article: '第三条第一款', field: 'countyId', message: `统一社会信用代码的登记机关行政区划码“${region}”与所选县区（${countyRegionCode}）不一致` }];
  }
  return [];
}

/** Art. 3, 6, 10: every failed condition of a unit application; empty when eligible. */
export function checkUnitEligibility(
  profile: EligibilityRules,
  input: UnitEligibilityInput,
  edition: EditionDates,
  previousWinners: readonly PreviousWinner[],
  /** Today (Asia/Shanghai); when given, a start date after it is refused. */
  today?: IsoDate,
): EligibilityResult {
  const rules = profile.eligibility;
  const failures: EligibilityFailure[] = [];
  const add = (f: EligibilityFailure) => failures.push(f);

  if (!input.locatedInCity) add({ code: 'notInCity', article: '第三条第一款', message: '申报单位应在本市行政区域内依法成立' });
  if (!input.legallyIndependent) {
    add({ code: 'notIndependent', article: '第三条第一款', message: '申报单位应能够独立承担法律责任' });
  }
  const code = normaliseCreditCode(input.creditCode);
  const identity = validateCreditCode(code);
  if (!identity.ok) add({ code: 'identityInvalid', article: '第三条第一款', message: identity.message });
  else regionFailures(rules, code, input.countyRegionCode).forEach(add);

  const deadline = edition.applicationDeadline;
  const started = input.mainBusinessStartedOn;
  if (!isIsoDate(started)) {
    add({ code: 'invalidDate', article: '第十条第（一）项', field: 'mainBusinessStartedOn', message: `主体业务起始日期“${started}”无效` });
  } else if (started < EARLIEST_BUSINESS_START || (today !== undefined && started > today)) {
    const why = started < EARLIEST_BUSINESS_START ? `早于 ${EARLIEST_BUSINESS_START}` : `晚于今天（${today}）`;
    add({ code: 'implausibleDate', article: '第十条第（一）项', field: 'mainBusinessStartedOn', message: `主体业务起始日期“${started}”${why}，不是可信的起始日期` });
  } else if (!yearsCompleted(input.mainBusinessStartedOn, rules.unitMinBusinessYears, deadline)) {
    const needed = addYears(input.mainBusinessStartedOn, rules.unitMinBusinessYears);
    add({
      code: 'businessYears',
      article: '第十条第（一）项',
      message: `主体业务应正常运行${rules.unitMinBusinessYears}年以上：自 ${input.mainBusinessStartedOn} 起至申报截止日 ${deadline} 不足${rules.unitMinBusinessYears}年（须至 ${needed} 方满）`,
    });
  }
  const years = rules.cleanRecordYears;
  if (input.declaredMajorAccidentWithinYears) {
    add({ code: 'majorAccident', article: '第十条第（五）项', message: `近${years}年内发生过重大质量、安全、环境污染、公共卫生等事故` });
  }
  if (input.declaredProminentComplaints) {
    add({ code: 'complaints', article: '第十条第（五）项', message: '存在因单位责任导致的服务对象、用户（顾客）投诉突出问题' });
  }
  if (input.declaredViolationWithinYears) {
    add({ code: 'violation', article: '第十条第（六）项', message: `近${years}年内有违反法律法规的行为` });
  }
  if (identity.ok) {
    const won = findWinner(previousWinners, (w) => w.creditCode, code, rules, normaliseCreditCode);
    if (won) add(previousWinnerFailure(won, '该单位'));
  }
  return { eligible: failures.length === 0, failures };
}

/** Art. 3, 6, 12: every failed condition of an individual application; empty when eligible. */
export function checkIndividualEligibility(
  profile: EligibilityRules,
  input: IndividualEligibilityInput,
  edition: EditionDates,
  previousWinners: readonly PreviousWinner[],
  today: IsoDate,
): EligibilityResult {
  const rules = profile.eligibility;
  const failures: EligibilityFailure[] = [];
  const add = (f: EligibilityFailure) => failures.push(f);

  const id = normaliseIdNumber(input.idNumber);
  const identity = validateIdNumber(id, { today });
  if (!identity.ok) add({ code: 'identityInvalid', article: '第三条第二款', message: identity.message });

  const deadline = edition.applicationDeadline;
  const n = rules.individualMinQualityWorkYears;
  const workStart = input.qualityWorkStartedOn;
  const workingAge = identity.ok ? addYears(birthDateOf(id), MIN_WORKING_AGE) : null;
  if (!isIsoDate(workStart)) {
    add({ code: 'invalidDate', article: '第十二条第（二）项', field: 'qualityWorkStartedOn', message: `从事质量工作起始日期“${workStart}”无效` });
  } else if (workStart > today) {
    add({ code: 'implausibleDate', article: '第十二条第（二）项', field: 'qualityWorkStartedOn', message: `从事质量工作起始日期“${workStart}”晚于今天（${today}）` });
  } else if (workingAge !== null && workStart < workingAge) {
    add({
      code: 'implausibleDate',
      article: '第十二条第（二）项',
      field: 'qualityWorkStartedOn',
      message: `从事质量工作起始日期“${workStart}”早于本人年满${MIN_WORKING_AGE}周岁之日（${workingAge}，按身份证号码中的出生日期）`,
    });
  } else if (!yearsCompleted(input.qualityWorkStartedOn, n, deadline)) {
    const needed = addYears(input.qualityWorkStartedOn, n);
    add({
      code: 'qualityWorkYears',
      article: '第十二条第（二）项',
      message: `应在本市从事质量相关工作${n}年以上：自 ${input.qualityWorkStartedOn} 起至申报截止日 ${deadline} 不足${n}年（须至 ${needed} 方满）`,
    });
  }
  if (input.unitAccidentDeclared) {
    add({
      code: 'unitAccident',
      article: '第十二条第（六）项',
      message: `所属单位近${rules.cleanRecordYears}年内发生过重大质量、安全、环境污染、公共卫生等事故`,
    });
  }
  if (input.badRecordDeclared) {
    add({ code: 'badRecord', article: '第十二条第（七）项', message: '有不良记录或违法、违规、违纪行为' });
  }
  if (identity.ok) {
    const won = findWinner(previousWinners, (w) => w.idNumber, id, rules, normaliseIdNumber);
    if (won) add(previousWinnerFailure(won, '本人'));
  }
  return { eligible: failures.length === 0, failures };
}

function findWinner(
  winners: readonly PreviousWinner[],
  key: (w: PreviousWinner) => string | null | undefined,
  value: string,
  rules: RuleProfile['eligibility'],
  normalise: (s: string) => string,
): PreviousWinner | undefined {
  // Art. 6 bars those who "已经获得市长质量奖": a nomination award (提名奖) is not the award
  // itself, so nominees may apply again unless the profile says otherwise.
  return winners.find((w) => {
    const k = key(w);
    const barredCategory = (w.category ?? 'award') === 'award' || rules.nomineesBarred;
    return k != null && normalise(k) === value && barredCategory && (rules.revokedWinnersBarred || !w.revoked);
  });
}

function previousWinnerFailure(w: PreviousWinner, who: string): EligibilityFailure {
  const when = w.editionYear ? `${w.editionYear}年度` : '往届';
  const revoked = w.revoked ? '（该奖项后被撤销，按本届规则仍不得再次申报）' : '';
  return { code: 'previousWinner', article: '第六条', message: `${who}已获得${when}市长质量奖，不得重复申报${revoked}` };
}
