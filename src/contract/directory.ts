import { z } from 'zod';
import { ruleProfileSchema } from '../domain/profile/schema.js';
import { ORGANISATION_KINDS, ROLES } from '../domain/roles.js';
import { currentUser } from './auth.js';
import { isoDateTime, listOf } from './common.js';
import { decision } from './errors.js';
import { isoDate, nonEmptyText } from './primitives.js';

/** Organisations, users and rule profiles: the reference data the procedure runs on. */

// ---- organisations
export const organisationQuery = z.object({ kind: z.enum(ORGANISATION_KINDS).optional() });
export const organisationCreateBody = z.object({ name: nonEmptyText(100), kind: z.enum(ORGANISATION_KINDS), code: z.string().trim().max(32).nullish() });
export const organisationUpdateBody = z.object({ name: nonEmptyText(100).optional(), code: z.string().trim().max(32).nullish(), active: z.boolean().optional() });

export const organisation = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  code: z.string().nullable(),
  active: z.boolean(),
  /** Applications still in progress with it as their county or applicant: what disabling it leaves behind. */
  pendingApplications: z.number().int(),
  abilities: z.object({ update: decision }),
});
export type Organisation = z.infer<typeof organisation>;
export const organisationList = listOf(organisation);
export type OrganisationList = z.infer<typeof organisationList>;

// ---- rule profiles (the whole profile is validated by the domain schema in the service)
export const profileCreateBody = z.record(z.string(), z.unknown());
const rules = ruleProfileSchema.shape;
export const ruleProfileSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  documentNumber: z.string(),
  awardName: z.string(),
  validFrom: isoDate,
  validTo: isoDate,
  cycleYears: z.number().int(),
  quotas: rules.quotas,
  departments: rules.departments,
  noticeWorkingDays: z.number().int(),
  technicalStages: rules.technicalStages,
});
export type RuleProfileSummary = z.infer<typeof ruleProfileSummary>;
export const ruleProfileList = listOf(ruleProfileSummary);
export type RuleProfileList = z.infer<typeof ruleProfileList>;

// ---- users
const roles = z.array(z.enum(ROLES)).max(ROLES.length);
export const userCreateBody = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, { message: '用户名为 3–64 位字母、数字、点、下划线或连字符' }),
  displayName: nonEmptyText(64),
  password: z.string().min(1).max(256),
  roles,
  organisationId: z.uuid().nullish(),
  email: z.email({ message: '邮箱格式不正确' }).nullish(),
  phone: z.string().trim().regex(/^1\d{10}$/, { message: '手机号应为 11 位数字' }).nullish(),
});
export const userUpdateBody = z.object({ displayName: nonEmptyText(64).optional(), roles: roles.optional(), organisationId: z.uuid().nullish(), active: z.boolean().optional() });

export const userRecord = currentUser.extend({
  active: z.boolean(),
  lockedUntil: isoDateTime.nullable(),
  abilities: z.object({ view: decision, update: decision, unlock: decision, disable: decision }),
});
export type UserRecord = z.infer<typeof userRecord>;
export const userList = listOf(userRecord);
export type UserList = z.infer<typeof userList>;
