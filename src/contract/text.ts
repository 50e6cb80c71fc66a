/**
 * Text no field of the API accepts. PostgreSQL refuses NUL in text; a lone UTF-16 surrogate
 * has no UTF-8 form (drivers silently turn it into U+FFFD); the other C0 control characters
 * (all but tab, line feed, carriage return) mean nothing in a form, are invisible on screen
 * and are not allowed in XML 1.0, so they would break the exported spreadsheets.
 */
export type TextProblem = 'nul' | 'control' | 'surrogate';

const HOSTILE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  nul: '不能包含空字符（U+0000）',
  control: '不能包含控制字符（制表、换行除外）',
  surrogate: '包含无效的 Unicode 字符（孤立的代理项）',
};

/** What is wrong with `s`, or null when it is acceptable text. */
export function textProblem(s: string): TextProblem | null {
  const m = HOSTILE.exec(s);
  if (!m) return null;
  const c = m[0].charCodeAt(0);
  return c === 0 ? 'nul' : c < 0x20 ? 'control' : 'surrogate';
}

/** A key as it appears in a field path: offending characters written as \uXXXX. */
function printable(key: string): string {
  return key.replace(/[\u0000-\u001F]|[\uD800-\uDFFF]/g, (ch, offset: number, all: string) => {
    const c = ch.charCodeAt(0);
    const paired = c < 0xd800 ? false : c <= 0xdbff ? /[\uDC00-\uDFFF]/.test(all[offset + 1] ?? '') : /[\uD800-\uDBFF]/.test(all[offset - 1] ?? '');
    return paired || ch === '\t' || ch === '\n' || ch === '\r' ? ch : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

export interface TextFinding {
  field: string;
  message: string;
}

/** Deeper than any body the API takes; guards every later recursive walk (JSON.stringify, zod). */
export const MAX_DEPTH = 64;
const MAX_FINDINGS = 20;

/**
 * Walks a parsed value (JSON body, query, params) and names every string value or object key
 * that is hostile text, as a dotted path (`form.address`, `financials.0.note`); `root` names
 * a bare string. Iterative, so no input can exhaust the stack.
 */
export function findHostileText(value: unknown, root = 'body'): TextFinding[] {
  const findings: TextFinding[] = [];
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  const fieldOf = (path: string[]) => (path.length ? path.join('.') : root);
  while (stack.length && findings.length < MAX_FINDINGS) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) findings.push({ field: fieldOf(path), message: TEXT_PROBLEM_MESSAGES[problem] });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= MAX_DEPTH) {
      findings.push({ field: fieldOf(path), message: `嵌套层次过深（最多 ${MAX_DEPTH} 层）` });
      continue;
    }
    const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((item, i) => [String(i), item]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i];
      const keyProblem = Array.isArray(v) ? null : textProblem(key);
      const childPath = [...path, printable(key)];
      if (keyProblem) findings.push({ field: fieldOf(childPath), message: `字段名${TEXT_PROBLEM_MESSAGES[keyProblem]}` });
      else stack.push({ value: item, path: childPath });
    }
  }
  return findings.slice(0, MAX_FINDINGS);
}
