import dayjs, { type Dayjs } from 'dayjs';
import type { ApplicationForm } from '../../api/types';
import type { FieldError } from '../../api/client';

/** Date fields of both kinds: YYYY-MM-DD on the server, dayjs in the DatePicker. */
const DATE_FIELDS = ['mainBusinessStartedOn', 'qualityWorkStartedOn'];

export interface FinancialRow {
  year: number;
  revenue: number | null;
  profit: number | null;
}

/** The last three full years before the edition's year (e.g. 2023–2025 for 2026). */
export function financialYears(editionYear: number): number[] {
  return [editionYear - 3, editionYear - 2, editionYear - 1];
}

function financialRows(value: unknown, years: number[]): FinancialRow[] {
  const rows = Array.isArray(value) ? (value as FinancialRow[]) : [];
  return years.map((year) => {
    const hit = rows.find((r) => r?.year === year);
    return { year, revenue: hit?.revenue ?? null, profit: hit?.profit ?? null };
  });
}

/** Server form → antd form values. */
export function toFormValues(form: ApplicationForm, editionYear: number): Record<string, unknown> {
  const values: Record<string, unknown> = { ...form };
  for (const k of DATE_FIELDS) {
    const v = form[k];
    values[k] = typeof v === 'string' && v ? dayjs(v) : undefined;
  }
  if (typeof form.industrySection === 'string' && form.industrySection) {
    values.industry = [form.industrySection, form.industryDivision].filter(Boolean);
  }
  values.financials = financialRows(form.financials, financialYears(editionYear));
  values.selfEvaluation = { ...(form.selfEvaluation ?? {}) };
  return values;
}

/** Changed antd values → the partial form the PATCH sends. */
export function toServerPatch(changed: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changed)) {
    if (DATE_FIELDS.includes(key)) {
      patch[key] = value ? (value as Dayjs).format('YYYY-MM-DD') : null;
    } else if (key === 'industry') {
      const [section, division] = (value as string[] | undefined) ?? [];
      patch.industrySection = section ?? null;
      patch.industryDivision = division ?? null;
    } else if (key === 'selfEvaluation') {
      patch.selfEvaluation = { ...(value as Record<string, string>) };
    } else {
      patch[key] = value === undefined ? null : value;
    }
  }
  return patch;
}

/** Merges two patches; self-evaluation sections merge item by item. */
export function mergePatch(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a, ...b };
  if (a.selfEvaluation || b.selfEvaluation) {
    out.selfEvaluation = { ...(a.selfEvaluation as object), ...(b.selfEvaluation as object) };
  }
  return out;
}

/** Removes the fields the server refused from a patch (the rest can still be saved). */
export function withoutFields(patch: Record<string, unknown>, fields: FieldError[]): Record<string, unknown> {
  const out = { ...patch };
  for (const f of fields) {
    if (f.field.startsWith('selfEvaluation.')) {
      const code = f.field.slice('selfEvaluation.'.length);
      const se = { ...(out.selfEvaluation as Record<string, string> | undefined) };
      delete se[code];
      if (Object.keys(se).length) out.selfEvaluation = se;
      else delete out.selfEvaluation;
    } else {
      delete out[f.field];
    }
  }
  return out;
}

/** A server field path → the antd form name path. */
export function formNamePath(field: string): (string | number)[] {
  if (field.startsWith('selfEvaluation.')) return ['selfEvaluation', field.slice('selfEvaluation.'.length)];
  if (field === 'industrySection' || field === 'industryDivision') return ['industry'];
  return [field];
}

export function isEmptyPatch(p: Record<string, unknown>): boolean {
  return Object.keys(p).length === 0;
}
