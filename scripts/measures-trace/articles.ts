/**
 * The article table of the Measures (resources/reference/measures-articles.json): what each
 * article says, whether the system implements it, where, and which profile settings make the
 * choices the article leaves open. Documentation data, so it lives outside src/domain.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const ARTICLE_COUNT = 30;
export const ARTICLES_FILE = 'resources/reference/measures-articles.json';

/** implemented: the system does it and a test proves it; outside: not the system's to do; not-built: planned. */
export const ARTICLE_STATUSES = ['implemented', 'outside', 'not-built'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

const setting = z.object({
  /** A dotted path into a rule profile (src/domain/profile/schema.ts), e.g. eligibility.nomineesBarred. */
  path: z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)*$/),
  /** The choice the Measures leave open and this setting makes, when there is one. */
  choice: z.string().min(1).optional(),
});
export type ArticleSetting = z.infer<typeof setting>;

const article = z
  .object({
    number: z.number().int(),
    summaryZh: z.string().min(1),
    summaryEn: z.string().min(1),
    status: z.enum(ARTICLE_STATUSES),
    /** Why the article is outside the system, or which issue/capability will build it. */
    reason: z.string().min(1).optional(),
    /** What part of an implemented article the system covers, when not all of it. */
    note: z.string().min(1).optional(),
    modules: z.array(z.string().regex(/^src\/\S+$/)),
    settings: z.array(setting),
  })
  .superRefine((a, ctx) => {
    if (a.status !== 'implemented' && !a.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `第${a.number}条的状态为 ${a.status}，须写明理由` });
    if (a.status === 'implemented' && a.modules.length === 0) ctx.addIssue({ code: 'custom', path: ['modules'], message: `第${a.number}条已实现，须列出实现模块` });
  });
export type Article = z.infer<typeof article>;

const chapter = z.object({ title: z.string().min(1), from: z.number().int(), to: z.number().int() });
export type Chapter = z.infer<typeof chapter>;

export const articleTableSchema = z.object({
  document: z.string().min(1),
  source: z.string().min(1),
  chapters: z.array(chapter).min(1),
  articles: z.array(article),
});
export type ArticleTable = z.infer<typeof articleTableSchema>;

export function loadArticleTable(root: string): ArticleTable {
  return articleTableSchema.parse(JSON.parse(readFileSync(resolve(root, ARTICLES_FILE), 'utf8')));
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 17 → 第十七条, as the Measures number their articles (1–99). */
export function articleName(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return `第${tensText}${DIGITS[ones]}条`;
}
