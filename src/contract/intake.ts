import { passwordProblem } from '../domain/password-rules.js';
import { z } from 'zod';
import { SCHEDULE_MILESTONES } from '../domain/edition-schedule.js';
import { ruleProfileSchema, scoringTemplateSchema } from '../domain/profile/schema.js';
import { isoDateTime } from './common.js';
import { isoDate, nonEmptyText } from './primitives.js';

/** Registration, reference data, the inbox and the working calendar. */

// ---- registration (answers with auth.meResponse)
const email = z.email({ message: '邮箱格式不正确' }).max(200);
export const registrationCodeBody = z.object({ email });
export const registerBody = z.object({
  kind: z.enum(['unit', 'individual']),
  identityCode: z.string().trim().min(1, { message: '请填写统一社会信用代码或身份证号码' }).max(18, { message: '应为 18 位' }),
  name: nonEmptyText(100),
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, { message: '用户名为 3–64 位字母、数字、点、下划线或连字符' }),
  // The password rule here too, so its message comes with every other field error at once
  // (the service checks it again with the username).
  password: z
    .string()
    .min(1)
    .max(256)
    .superRefine((value, ctx) => {
      const problem = passwordProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  email,
  phone: z.string().trim().regex(/^1\d{10}$/, { message: '手机号应为 11 位数字' }),
  emailCode: z.string().trim().regex(/^\d{6}$/, { message: '验证码为 6 位数字' }),
});

// ---- reference data
const codeName = z.object({ code: z.string(), name: z.string() });
export const industrySection = codeName.extend({ divisions: z.array(codeName) });
export type IndustrySection = z.infer<typeof industrySection>;
export const industries = z.object({ sections: z.array(industrySection) });
export type Industries = z.infer<typeof industries>;
export const county = z.object({ id: z.uuid(), name: z.string(), code: z.string().nullable() });
export type County = z.infer<typeof county>;
export const countyList = z.object({ items: z.array(county) });
export type CountyList = z.infer<typeof countyList>;

export type ScoringTemplate = z.infer<typeof scoringTemplateSchema>;
export type TemplateItem = ScoringTemplate['categories'][number]['items'][number];
const rules = ruleProfileSchema.shape;
/** The open edition with what its application form needs from the profile (public). */
export const currentEdition = z.object({
  id: z.uuid(),
  name: z.string(),
  number: z.number().int(),
  year: z.number().int(),
  applicationDeadline: isoDate.nullable(),
  /** Every milestone of the published schedule (unset ones absent): who works when. */
  schedule: z.partialRecord(z.enum(SCHEDULE_MILESTONES.map((m) => m.key)), isoDate),
  profile: z.object({
    awardName: z.string(),
    preferenceCategories: rules.preference.shape.categories,
    preferenceMode: rules.preference.shape.mode,
    scoringTemplates: rules.scoringTemplates,
    departments: rules.departments,
    eligibility: rules.eligibility,
  }),
});
export type CurrentEdition = z.infer<typeof currentEdition>;

// ---- inbox
export const inboxItem = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export type InboxItem = z.infer<typeof inboxItem>;
export const inbox = z.object({ items: z.array(inboxItem), unread: z.number().int() });
export type Inbox = z.infer<typeof inbox>;
export const inboxMarked = z.object({ marked: z.number().int() });
export type InboxMarked = z.infer<typeof inboxMarked>;

// ---- working calendar
export const CALENDAR_DAY_KINDS = ['workday', 'holiday'] as const;
export const dateParam = z.object({ date: isoDate });
export const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const overrideBody = z.object({ kind: z.enum(CALENDAR_DAY_KINDS), note: z.string().max(200).default('') });
export const declareYearBody = z.object({ note: z.string().max(200).default('') });
export const workingDaysQuery = z.object({ from: isoDate, n: z.coerce.number().int().min(0).max(366) });

export const calendarOverride = z.object({ date: isoDate, kind: z.enum(CALENDAR_DAY_KINDS), note: z.string() });
export type CalendarOverride = z.infer<typeof calendarOverride>;
export const calendarData = z.object({
  overrides: z.array(calendarOverride),
  declaredYears: z.array(z.object({ year: z.number().int(), note: z.string() })),
  packageYears: z.array(z.number().int()),
  abilities: z.object({ edit: z.boolean() }),
});
export type CalendarData = z.infer<typeof calendarData>;
export const workingDays = z.object({ date: isoDate });
