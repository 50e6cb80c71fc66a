import { describe, expect, it } from 'vitest';
import { findHostileText, textProblem } from '../../src/contract/text.js';

describe('textProblem', () => {
  it('accepts ordinary text, tabs, line breaks and paired surrogates', () => {
    for (const s of ['', '临沂市兰山区示范路1号', 'a\tb\r\nc', '😀 emoji', '\u007f\u0085', 'x\uD83D\uDE00y']) expect(textProblem(s)).toBeNull();
  });
  it('finds NUL, other C0 control characters and lone surrogates', () => {
    expect(textProblem('a\u0000b')).toBe('nul');
    expect(textProblem('bell\u0007')).toBe('control');
    expect(textProblem('\u001b[31m')).toBe('control');
    expect(textProblem('\uD800')).toBe('surrogate');
    expect(textProblem('x\uDC00')).toBe('surrogate');
    expect(textProblem('\uDE00\uD83D')).toBe('surrogate');
    expect(textProblem('\uD83D\uD83D\uDE00')).toBe('surrogate');
  });
});

describe('findHostileText', () => {
  it('returns nothing for clean values of any shape', () => {
    expect(findHostileText({ a: 'x', b: [1, true, null, { c: '中文' }], d: undefined })).toEqual([]);
    expect(findHostileText(42)).toEqual([]);
  });
  it('names the path of every offending value and key, at any depth', () => {
    const found = findHostileText({ form: { address: 'a\u0000', financials: [{ note: '\uD800' }], ['k\u0000y']: 1 }, ok: 'fine' });
    expect(found.map((f) => f.field).sort()).toEqual(['form.address', 'form.financials.0.note', 'form.k\\u0000y']);
    for (const f of found) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });
  it('names a bare string by the given root', () => {
    expect(findHostileText('\u0000', 'body')).toEqual([{ field: 'body', message: expect.any(String) }]);
  });
  it('refuses absurd nesting without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const found = findHostileText({ deep });
    expect(found).toHaveLength(1);
    expect(found[0].field.startsWith('deep.0.0')).toBe(true);
  });
  it('stops after a bounded number of findings', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, '\u0000']));
    expect(findHostileText(many).length).toBeLessThanOrEqual(20);
  });
});
