/**
 * Unit (organisation) names as people type them: "临沂XX有限公司", "临沂ＸＸ（集团）有限责任公司 ",
 * "临沂XX股份有限公司". Conflict detection and duplicate checks compare the normalised form.
 *
 * Choices, each tested in test/unit/conflicts-normalise.test.ts:
 * - NFKC folds full-width letters, digits and brackets to half-width; Latin letters are lower-cased.
 * - All whitespace, bracket characters of every kind (the words inside are kept) and joining
 *   punctuation (·・.-_、,"'") are removed: "XX（集团）" equals "XX集团".
 * - The legal-form suffix is dropped: 股份有限公司 / 有限责任公司 / 有限公司 / 股份公司 / 公司.
 *   One registered name is written with any of them in practice ("临沂XX有限公司" on a badge,
 *   "临沂XX有限责任公司" on the licence), and a missed conflict is worse than a false one, which
 *   the agency dismisses with a reason.
 * - Kept apart on purpose: 集团 (a group and its member company are different legal persons),
 *   分公司 / branch names, and place prefixes ("临沂市XX" vs "临沂XX"): guessing there would join
 *   unrelated units; such links are declared by the expert or entered by the agency.
 */

const BRACKETS = /[()[\]{}<>（）【】〔〕［］｛｝〈〉《》「」『』〖〗]/g;
const JOINERS = /[\s·・.\-_—–、,，"'“”‘’]/g;
const LEGAL_FORM = /(股份有限公司|有限责任公司|有限公司|股份公司|公司)$/;

export function normaliseUnitName(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase().replace(BRACKETS, '').replace(JOINERS, '');
  const stripped = folded.replace(LEGAL_FORM, '');
  // A name that is nothing but a legal form ("有限公司") stays as it is rather than becoming ''.
  return stripped.length > 0 ? stripped : folded;
}

/** Whether two unit names denote the same unit after normalisation; blank names never match. */
export function sameUnitName(a: string, b: string): boolean {
  const na = normaliseUnitName(a);
  return na.length > 0 && na === normaliseUnitName(b);
}
