import fs from 'node:fs';
import path from 'node:path';

export type Status = 'met' | 'NOT met' | 'info' | 'skipped' | 'FAILED';

export interface Row {
  scenario: string;
  measured: string;
  goal: string;
  status: Status;
}

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const int = (n: number) => fmt.format(n);
export const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** A plain-text table whose columns fit their widest cell. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function renderRows(rows: Row[]): string {
  return renderTable(
    ['Scenario', 'Measured', 'Goal', 'Result'],
    rows.map((r) => [r.scenario, r.measured, r.goal, r.status]),
  );
}

export function writeJson(file: string, data: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
