/**
 * GB/T 4754-2017 国民经济行业分类: section (门类) → its division (大类) codes.
 * A pure copy of resources/reference/gbt4754-2017-divisions.json (test/unit/eligibility-plausibility.test.ts
 * proves they match), so the form can be checked in the domain without I/O.
 */
export const GBT4754_DIVISIONS: Readonly<Record<string, readonly string[]>> = {
  A: ['01', '02', '03', '04', '05'],
  B: ['06', '07', '08', '09', '10', '11', '12'],
  C: ['13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', '39', '40', '41', '42', '43'],
  D: ['44', '45', '46'],
  E: ['47', '48', '49', '50'],
  F: ['51', '52'],
  G: ['53', '54', '55', '56', '57', '58', '59', '60'],
  H: ['61', '62'],
  I: ['63', '64', '65'],
  J: ['66', '67', '68', '69'],
  K: ['70'],
  L: ['71', '72'],
  M: ['73', '74', '75'],
  N: ['76', '77', '78', '79'],
  O: ['80', '81', '82'],
  P: ['83'],
  Q: ['84', '85'],
  R: ['86', '87', '88', '89', '90'],
  S: ['91', '92', '93', '94', '95', '96'],
  T: ['97'],
};

/** The section a division belongs to, or undefined when the division does not exist. */
export function sectionOfDivision(division: string): string | undefined {
  return Object.keys(GBT4754_DIVISIONS).find((s) => GBT4754_DIVISIONS[s].includes(division));
}

export function isIndustrySection(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(GBT4754_DIVISIONS, code);
}
