import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { INK, MUTED, RULE } from './pdf-layout.js';

/** A radar chart drawn with PDF vector paths (no raster image): one applicant against its cohort. */
export interface RadarAxis {
  label: string;
  /** Shares of the category's points, 0–100. */
  applicant: number;
  cohort: number;
}

export const APPLICANT_COLOUR = rgb(0.09, 0.47, 0.95);
export const COHORT_COLOUR = rgb(0.96, 0.55, 0.1);
const GRID_LEVELS = [20, 40, 60, 80, 100];

/** Point of axis i (of n) at `percent` of the radius, relative to the centre; y up, first axis at 12 o'clock. */
export function radarPoint(i: number, n: number, percent: number, radius: number): { x: number; y: number } {
  const angle = (2 * Math.PI * i) / n;
  const r = (radius * percent) / 100;
  return { x: r * Math.sin(angle), y: r * Math.cos(angle) };
}

/** An SVG path of the closed polygon; pdf-lib's SVG paths run y downwards, hence the sign flip. */
function polygonPath(n: number, percentOf: (i: number) => number, radius: number): string {
  const points = Array.from({ length: n }, (_, i) => radarPoint(i, n, percentOf(i), radius));
  return `${points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x.toFixed(2)} ${(-p.y).toFixed(2)}`).join(' ')} Z`;
}

export function drawRadar(page: PDFPage, font: PDFFont, centre: { x: number; y: number }, radius: number, axes: RadarAxis[]): void {
  const n = axes.length;
  if (n === 0) return;
  const at = { x: centre.x, y: centre.y };

  for (const level of GRID_LEVELS) {
    page.drawSvgPath(polygonPath(n, () => level, radius), { ...at, borderColor: RULE, borderWidth: 0.5 });
  }
  axes.forEach((axis, i) => {
    const end = radarPoint(i, n, 100, radius);
    page.drawLine({ start: centre, end: { x: centre.x + end.x, y: centre.y + end.y }, thickness: 0.5, color: RULE });
    // Labels sit just outside the rim, on the side of the axis they belong to.
    const size = 7;
    const label = `${axis.label} ${axis.applicant.toFixed(0)}%`;
    const width = font.widthOfTextAtSize(label, size);
    const outer = radarPoint(i, n, 100, radius + 8);
    const x = Math.abs(outer.x) < 1 ? centre.x - width / 2 : outer.x > 0 ? centre.x + outer.x : centre.x + outer.x - width;
    const y = centre.y + outer.y - (outer.y < -1 ? size : outer.y > 1 ? 0 : size / 2);
    page.drawText(label, { x, y, size, font, color: INK });
  });
  for (const level of [50, 100]) {
    page.drawText(`${level}%`, { x: centre.x + 2, y: centre.y + (radius * level) / 100 - 7, size: 5.5, font, color: MUTED });
  }

  page.drawSvgPath(polygonPath(n, (i) => axes[i].cohort, radius), {
    ...at,
    borderColor: COHORT_COLOUR,
    borderWidth: 1,
    borderDashArray: [3, 2],
  });
  page.drawSvgPath(polygonPath(n, (i) => axes[i].applicant, radius), {
    ...at,
    color: APPLICANT_COLOUR,
    opacity: 0.2,
    borderColor: APPLICANT_COLOUR,
    borderWidth: 1.2,
  });
}

/** The two-entry legend: applicant (solid) and cohort mean (dashed). */
export function drawRadarLegend(page: PDFPage, font: PDFFont, at: { x: number; y: number }, applicantLabel: string, cohortLabel: string): void {
  const size = 7;
  page.drawRectangle({ x: at.x, y: at.y, width: 10, height: 6, color: APPLICANT_COLOUR, opacity: 0.35, borderColor: APPLICANT_COLOUR, borderWidth: 0.8 });
  page.drawText(applicantLabel, { x: at.x + 14, y: at.y, size, font, color: INK });
  const second = at.x + 24 + font.widthOfTextAtSize(applicantLabel, size);
  page.drawLine({ start: { x: second, y: at.y + 3 }, end: { x: second + 10, y: at.y + 3 }, thickness: 1, color: COHORT_COLOUR, dashArray: [3, 2] });
  page.drawText(cohortLabel, { x: second + 14, y: at.y, size, font, color: INK });
}
