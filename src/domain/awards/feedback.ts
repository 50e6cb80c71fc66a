import type { ScoringTemplate } from '../profile/schema.js';
import { fiveNumbers, type FiveNumbers } from './cohort.js';

/**
 * The feedback report's content (Baldrige-style): per item the strengths and opportunities
 * for improvement, per category the applicant's score against the five-number summary of its
 * cohort (same kind, material review). It carries no name but the applicant's own: never
 * another applicant's, never an expert's.
 */
export interface FeedbackCategory {
  code: string;
  name: string;
  points: number;
  score: number | null;
  cohort: FiveNumbers | null;
}

export interface FeedbackItem {
  code: string;
  name: string;
  categoryName: string;
  strengths: string[];
  opportunities: string[];
}

export interface FeedbackContent {
  editionName: string;
  applicantName: string;
  kindLabel: string;
  /** ISO date the report was produced. */
  generatedOn: string;
  /** 'consensus': the panel's agreed scorebook; 'panel': the members' own comments, unattributed. */
  source: 'consensus' | 'panel';
  cohortSize: number;
  categories: FeedbackCategory[];
  items: FeedbackItem[];
}

export interface ScorebookTexts {
  strengths?: string;
  opportunities?: string;
}

const cleaned = (texts: (string | undefined)[]) => [...new Set(texts.map((t) => t?.trim() ?? '').filter((t) => t.length > 0))];

/** Per item, the consensus texts when there is a consensus, else every member's texts without who wrote them. */
export function feedbackItems(template: ScoringTemplate, consensus: Record<string, ScorebookTexts> | null, independent: Record<string, ScorebookTexts>[]): FeedbackItem[] {
  const books = consensus ? [consensus] : independent;
  return template.categories.flatMap((category) =>
    category.items.map((item) => ({
      code: item.code,
      name: item.name,
      categoryName: category.name,
      strengths: cleaned(books.map((b) => b[item.code]?.strengths)),
      opportunities: cleaned(books.map((b) => b[item.code]?.opportunities)),
    })),
  );
}

/** Each category's score beside the cohort's distribution of the same category's scores. */
export function feedbackCategories(template: ScoringTemplate, own: Record<string, number | null>, cohort: Record<string, number | null>[]): FeedbackCategory[] {
  return template.categories.map((category) => ({
    code: category.code,
    name: category.name,
    points: category.items.reduce((sum, item) => sum + item.points, 0),
    score: own[category.code] ?? null,
    cohort: fiveNumbers(cohort.map((c) => c[category.code]).filter((v): v is number => v !== null && v !== undefined)),
  }));
}
