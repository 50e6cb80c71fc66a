import type { Industries } from '../../contract/intake';

/**
 * Select options of GB/T 4754-2017 from the reference data the application form uses: per section
 * (门类) the whole section (for a broad expertise) and its divisions (大类).
 */
export function industrySelectOptions(data: Industries | undefined) {
  return (data?.sections ?? []).map((s) => ({
    label: `${s.code} ${s.name}`,
    title: `${s.code} ${s.name}`,
    options: [
      { value: s.code, label: `${s.code} ${s.name}（整个门类）` },
      ...s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
    ],
  }));
}

/** Code → "code name" for display, sections and divisions alike. */
export function industryNames(data: Industries | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of data?.sections ?? []) {
    names.set(s.code, `${s.code} ${s.name}`);
    for (const d of s.divisions) names.set(d.code, `${d.code} ${d.name}`);
  }
  return names;
}
