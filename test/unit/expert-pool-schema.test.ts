import { describe, expect, it } from 'vitest';
import { expertInputSchema, expertInputSchemaAt, isIndustryCode, type ExpertInput } from '../../src/domain/experts/expert.js';
import { formatPoolRow, parsePoolRow, type PoolRowCells } from '../../src/domain/experts/pool-row.js';

const valid: ExpertInput = {
  name: '张明',
  unit: '临沂大学',
  title: '教授',
  industries: ['38', 'M'],
  countyName: '兰山区',
  phone: '13905390000',
  email: 'zhangming@example.com',
  formerEmployers: [{ unit: '临沂华信机械有限公司', fromYear: 2012, toYear: 2018 }],
  relativesUnits: ['沂蒙食品有限公司'],
  advisedUnits: [],
  available: true,
  maxLoad: 15,
};

const messages = (value: unknown, schema = expertInputSchemaAt(2026)) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('expertInputSchema', () => {
  it('accepts a complete expert, with or without email and county', () => {
    expect(messages(valid)).toEqual([]);
    const { email: _email, countyName: _county, ...bare } = valid;
    expect(messages({ ...bare })).toEqual([]);
    expect(messages({ ...valid, countyName: null, phone: '0539-8123456' })).toEqual([]);
  });

  it('names each wrong field in Chinese', () => {
    expect(messages({ ...valid, name: '张' })).toEqual(['name: 姓名应为 2 到 40 个字符']);
    expect(messages({ ...valid, unit: '  ' })).toEqual(['unit: 请填写工作单位']);
    expect(messages({ ...valid, title: 'x'.repeat(41) })).toEqual(['title: 职称不能超过 40 个字符']);
    expect(messages({ ...valid, industries: [] })).toEqual(['industries: 请至少填写一个专业领域（行业代码）']);
    expect(messages({ ...valid, industries: ['99'] })).toEqual(['industries.0: 不是 GB/T 4754-2017 的门类或大类代码']);
    expect(messages({ ...valid, industries: ['38', '38'] })).toEqual(['industries: 专业领域的行业代码不能重复']);
    expect(messages({ ...valid, industries: Array.from({ length: 11 }, (_, i) => String(13 + i)) })).toEqual(['industries: 专业领域至多 10 个']);
    expect(messages({ ...valid, phone: '1390539' })).toEqual(['phone: 联系电话应为 11 位手机号或带区号的固话']);
    expect(messages({ ...valid, email: 'zhang@' })).toEqual(['email: 邮箱格式不正确']);
    expect(messages({ ...valid, maxLoad: 0 })).toEqual(['maxLoad: 每届最大评审量应在 1 到 50 之间']);
    expect(messages({ ...valid, maxLoad: 51 })).toEqual(['maxLoad: 每届最大评审量应在 1 到 50 之间']);
    expect(messages({ ...valid, maxLoad: 2.5 })).toEqual(['maxLoad: 每届最大评审量应为整数']);
    expect(messages({ ...valid, available: '是' })).toEqual(['available: 是否可用应为“是”或“否”']);
    const { phone: _phone, ...noPhone } = valid;
    expect(messages(noPhone)).toEqual(['phone: 请填写联系电话']);
  });

  it('checks former employers: from ≤ to, not before 1950, not after the business year', () => {
    const stint = (fromYear: number, toYear: number | null) => ({ ...valid, formerEmployers: [{ unit: '某单位', fromYear, toYear }] });
    expect(messages(stint(2020, 2018))).toEqual(['formerEmployers.0.toYear: 起始年不能晚于结束年']);
    expect(messages(stint(1949, 1960))).toEqual(['formerEmployers.0.fromYear: 起始年不能早于 1950 年']);
    expect(messages(stint(2020, 2027))).toEqual(['formerEmployers.0.toYear: 结束年不能晚于 2026 年']);
    expect(messages(stint(2027, null))).toEqual(['formerEmployers.0.fromYear: 起始年不能晚于 2026 年']);
    expect(messages(stint(2020, 2026))).toEqual([]);
    expect(messages(stint(2020, null))).toEqual([]);
    // Without a business year only the fixed bounds apply.
    expect(messages(stint(2030, 2031), expertInputSchema)).toEqual([]);
  });

  it('industry codes come from the GB/T 4754 list the applications use', () => {
    expect(['01', '38', '97', 'A', 'T'].every(isIndustryCode)).toBe(true);
    expect(['00', '98', 'U', 'c', '1', ''].some(isIndustryCode)).toBe(false);
  });
});

describe('a pool spreadsheet row', () => {
  const cells = (over: Partial<PoolRowCells> = {}): PoolRowCells => ({ ...formatPoolRow(valid), ...over });
  const parse = (over: Partial<PoolRowCells> = {}, counties?: string[]) => parsePoolRow(cells(over), { currentYear: 2026, counties });

  it('formats and parses back to the same expert', () => {
    expect(parse()).toEqual({ expert: valid, errors: [] });
    const other: ExpertInput = { ...valid, email: undefined, countyName: null, formerEmployers: [{ unit: '甲:乙公司', fromYear: 2020, toYear: null }], available: false };
    expect(parsePoolRow(formatPoolRow(other), { currentYear: 2026 }).expert).toEqual({ ...other, email: undefined });
  });

  it('reads what people type: Excel-dropped zeros, full-width digits, other separators', () => {
    const r = parse({ industries: '1, c；38', phone: '１３９０５３９００００', formerEmployers: '甲公司：2010年至2015年\n乙公司:2016-今', available: 'Y', maxLoad: '８' });
    expect(r.errors).toEqual([]);
    expect(r.expert).toMatchObject({
      industries: ['01', 'C', '38'],
      phone: '13905390000',
      formerEmployers: [
        { unit: '甲公司', fromYear: 2010, toYear: 2015 },
        { unit: '乙公司', fromYear: 2016, toYear: null },
      ],
      available: true,
      maxLoad: 8,
    });
  });

  it('gives errors per column with the header as the template shows it', () => {
    const r = parse({ industries: '38、99', formerEmployers: '甲公司2010-2015；乙公司:2016-2030', available: '', maxLoad: '很多', countyName: '北京' }, ['兰山区', '罗庄区', '河东区', '费县']);
    expect(r.expert).toBeUndefined();
    expect(r.errors).toEqual([
      { column: '专业领域(行业代码，多个用、分隔)', message: '第 2 个代码：不是 GB/T 4754-2017 的门类或大类代码' },
      { column: '所在县区', message: '“北京”不在县区目录中，请按“兰山区、罗庄区、河东区”等名称填写' },
      { column: '曾任职单位(单位:起始年-结束年；多个用；分隔)', message: '第 1 项“甲公司2010-2015”应写作“单位:起始年-结束年”，仍在任写“单位:起始年-至今”' },
      { column: '是否可用(是/否)', message: '请填写“是”或“否”' },
      { column: '每届最大评审量', message: '每届最大评审量应为整数' },
    ]);
    expect(parse({ formerEmployers: '乙公司:2016-2030' }).errors).toEqual([{ column: '曾任职单位(单位:起始年-结束年；多个用；分隔)', message: '第 1 项：结束年不能晚于 2026 年' }]);
    expect(parse({ relativesUnits: `甲、${'长'.repeat(101)}` }).errors).toEqual([{ column: '亲属任职单位', message: '第 2 个单位：亲属任职单位不能超过 100 个字符' }]);
  });
});
