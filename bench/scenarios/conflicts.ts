import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { detectConflictGroups, detectConflicts } from '../../src/domain/conflicts/detect.js';
import { detectConflictsNaive } from '../../src/domain/conflicts/naive.js';
import { DEFAULT_CONFLICT_RULES, type ConflictRules } from '../../src/domain/conflicts/rules.js';
import type { Conflict, ConflictApplicant, ConflictExpert } from '../../src/domain/conflicts/types.js';
import { seededRandom as rng } from '../../src/domain/seeded-random.js';

/**
 * Conflict computation for 6,000 applications × 3,000 experts (issue 11, goal < 2 s), on a seeded,
 * realistic pool: applicant units drawn from 4,000 company names written with varying legal forms
 * and brackets, 20 % individual applicants, experts mostly from universities and institutes (5 % from an applicant company), 8 %
 * of experts with a former employer, relative or advised unit among the applicants, the others
 * with such entries elsewhere. The nested loop runs on a 10× smaller instance (600 × 300).
 */

const YEAR = 2026;
const COUNTIES = ['兰山区', '罗庄区', '河东区', '沂南县', '郯城县', '沂水县', '兰陵县', '费县', '平邑县', '莒南县', '蒙阴县', '临沭县', '临沂高新技术产业开发区', '临沂经济技术开发区', '临沂临港经济开发区', '临沂商城', '临沂综合保税区'];
const SYLLABLES = '华信鲁沂蒙金泰宏远恒达盛源鑫隆瑞丰中天广利新兴永安福明阳光东方';
const TRADES = ['机械', '食品', '化工', '电子', '建材', '物流', '医药', '木业', '纺织', '商贸', '能源', '科技'];
const LEGAL_FORMS = ['有限公司', '有限责任公司', '股份有限公司', '（集团）有限公司'];
const INSTITUTES = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? `临沂第${i + 1}研究所` : i % 3 === 1 ? `山东第${i + 1}职业学院` : `临沂市第${i + 1}检验检测中心`));


export interface Instance {
  experts: ConflictExpert[];
  applicants: ConflictApplicant[];
}

export function makeInstance(applicantCount: number, expertCount: number, seed = 11): Instance {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const stem = () => `临沂${pick([...SYLLABLES])}${pick([...SYLLABLES])}${pick(TRADES)}`;
  const stems = new Set<string>();
  while (stems.size < 4000 + 2000) stems.add(stem());
  const [applicantStems, elsewhere] = [[...stems].slice(0, 4000), [...stems].slice(4000)];
  // The same company is written differently by different people.
  const spell = (s: string) => `${s}${pick(LEGAL_FORMS)}`;

  const applicants: ConflictApplicant[] = Array.from({ length: applicantCount }, (_, i) => {
    const unit = spell(pick(applicantStems));
    const individual = random() < 0.2;
    return { id: `A${i}`, name: individual ? `申报人${i}` : unit, unit, countyName: pick(COUNTIES) };
  });
  const applicantUnits = applicants.map((a) => a.unit);
  const someUnits = (n: number, hit: boolean) => Array.from({ length: n }, () => (hit ? applicantUnits[Math.floor(random() * applicantUnits.length)] : spell(pick(elsewhere))));

  const experts: ConflictExpert[] = Array.from({ length: expertCount }, (_, i) => {
    const hit = random() < 0.08;
    const fromApplicantCompany = random() < 0.05;
    const former = someUnits(Math.floor(random() * 3), hit && random() < 0.6);
    return {
      id: `E${i}`,
      unit: fromApplicantCompany ? spell(pick(applicantStems)) : random() < 0.3 ? spell(pick(elsewhere)) : pick(INSTITUTES),
      countyName: random() < 0.9 ? pick(COUNTIES) : null,
      formerEmployers: former.map((unit) => {
        const toYear = random() < 0.1 ? null : YEAR - Math.floor(random() * 8);
        return { unit, fromYear: (toYear ?? YEAR) - 1 - Math.floor(random() * 10), toYear };
      }),
      relativesUnits: someUnits(Math.floor(random() * 2), hit && random() < 0.5),
      advisedUnits: someUnits(Math.floor(random() * 3), hit && random() < 0.5),
    };
  });
  return { experts, applicants };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timed<T>(runs: number, f: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  return { ms: Math.round(median(times) * 10) / 10, result };
}

const canonical = (cs: Conflict[]) => cs.map((c) => `${c.expertId}|${c.applicationId}|${c.rule}|${c.explanation}`).sort();

export async function benchConflicts(): Promise<Record<string, unknown>> {
  const big = makeInstance(6000, 3000);
  const opts = { year: YEAR };
  const county: ConflictRules = { ...DEFAULT_CONFLICT_RULES, sameCounty: true };
  const small = makeInstance(600, 300);
  // Warm the JIT on the small instance so the first timed run is not the compile.
  detectConflicts(small.experts, small.applicants, county, opts);

  const linyi = timed(3, () => detectConflicts(big.experts, big.applicants, DEFAULT_CONFLICT_RULES, opts));
  const grouped = timed(3, () => detectConflictGroups(big.experts, big.applicants, county, opts));
  const flat = timed(3, () => detectConflicts(big.experts, big.applicants, county, opts));

  const naive = timed(3, () => detectConflictsNaive(small.experts, small.applicants, county, opts));
  const indexedSmall = timed(3, () => detectConflicts(small.experts, small.applicants, county, opts));
  const agree = JSON.stringify(canonical(naive.result)) === JSON.stringify(canonical(indexedSmall.result));

  const hitExperts = new Set(linyi.result.map((c) => c.expertId)).size;
  const result = {
    applications: big.applicants.length,
    experts: big.experts.length,
    linyiRules: { medianMs: linyi.ms, conflicts: linyi.result.length, expertsWithConflicts: hitExperts },
    withSameCounty: {
      groupedMedianMs: grouped.ms,
      groups: grouped.result.countyGroups.length,
      flatMedianMs: flat.ms,
      conflicts: flat.result.length,
    },
    naiveSmall: {
      applications: small.applicants.length,
      experts: small.experts.length,
      naiveMedianMs: naive.ms,
      indexedMedianMs: indexedSmall.ms,
      naiveExtrapolatedFullMs: Math.round(naive.ms * 100),
      agree,
    },
    goalMs: 2000,
    pass: linyi.ms < 2000 && flat.ms < 2000 && agree,
  };
  console.table({
    'indexed, Linyi rules (6000 × 3000)': { ms: linyi.ms, conflicts: linyi.result.length },
    'indexed, + same county, grouped': { ms: grouped.ms, conflicts: `${grouped.result.countyGroups.length} groups + ${grouped.result.pairs.length} pairs` },
    'indexed, + same county, flat list': { ms: flat.ms, conflicts: flat.result.length },
    'nested loop (600 × 300, all rules)': { ms: naive.ms, conflicts: naive.result.length },
    'indexed (600 × 300, all rules)': { ms: indexedSmall.ms, conflicts: indexedSmall.result.length },
  });
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchConflicts(), null, 2));
}
