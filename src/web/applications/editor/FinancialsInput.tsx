import type { CSSProperties } from 'react';
import { InputNumber } from 'antd';
import type { FinancialRow } from './formModel';

const cell: CSSProperties = { border: '1px solid #f0f0f0', padding: '6px 8px' };

/** The last three years' revenue and profit (万元) as a small table of number inputs. */
export function FinancialsInput({
  value = [],
  onChange,
  disabled,
}: {
  value?: FinancialRow[];
  onChange?: (rows: FinancialRow[]) => void;
  disabled?: boolean;
}) {
  const set = (year: number, key: 'revenue' | 'profit', v: number | null) =>
    onChange?.(value.map((r) => (r.year === year ? { ...r, [key]: v ?? null } : r)));
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%', maxWidth: 560 }}>
      <thead>
        <tr style={{ background: '#fafafa' }}>
          <th style={cell}>年度</th>
          <th style={cell}>营业收入（万元）</th>
          <th style={cell}>利润（万元）</th>
        </tr>
      </thead>
      <tbody>
        {value.map((r) => (
          <tr key={r.year}>
            <td style={{ ...cell, textAlign: 'center' }}>{r.year} 年</td>
            <td style={cell}>
              <InputNumber
                aria-label={`${r.year}年营业收入`}
                value={r.revenue}
                onChange={(v) => set(r.year, 'revenue', v)}
                disabled={disabled}
                precision={2}
                style={{ width: '100%' }}
              />
            </td>
            <td style={cell}>
              <InputNumber
                aria-label={`${r.year}年利润`}
                value={r.profit}
                onChange={(v) => set(r.year, 'profit', v)}
                disabled={disabled}
                precision={2}
                style={{ width: '100%' }}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
