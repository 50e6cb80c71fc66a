import { z } from 'zod';
import { AWARD_ITEM_KINDS, PRIZE_PURPOSES } from '../domain/profile/decision-settings.js';
import { USAGE_STATUS_LABELS, type UsageStatus } from '../domain/awards/prize-money.js';
import { isoDateTime } from './common.js';
import { isoDate, nonEmptyText } from './primitives.js';

/** Certificates, award items, prize money and feedback reports (SPEC §6; Art. 19–22, 27). */

export const serialParam = z.object({ serial: z.string().max(200) });
export const itemKindParams = z.object({ id: z.uuid({ message: '编号格式不正确' }), kind: z.enum(AWARD_ITEM_KINDS) });

/** The public answer about a serial: nothing beyond what the certificate itself shows. */
export const certificateVerification = z.object({
  status: z.enum(['valid', 'revoked', 'not_found']),
  awardLabel: z.string().nullable(),
  editionName: z.string().nullable(),
  winnerName: z.string().nullable(),
  issuedOn: isoDate.nullable(),
  revokedOn: isoDate.nullable(),
});
export type CertificateVerification = z.infer<typeof certificateVerification>;

export const awardItemRecord = z.object({
  kind: z.enum(AWARD_ITEM_KINDS),
  issuedOn: isoDate,
  receivedBy: nonEmptyText(100),
  note: z.string().trim().max(500).optional(),
});
export const awardItemRecovery = z.object({ recoveredOn: isoDate });

export const prizePaymentRecord = z.object({
  /** Fen; negative records money recovered (Art. 28–29). */
  amountFen: z.number().int().refine((v) => v !== 0, { message: '金额不能为 0' }).refine((v) => Math.abs(v) <= 10_000_000_000, { message: '金额过大' }),
  paidOn: isoDate,
  reference: nonEmptyText(100),
});

export const usageLine = z.object({
  purpose: z.enum(PRIZE_PURPOSES, { message: '请选择第二十一条规定的用途' }),
  amountFen: z.number().int().positive({ message: '金额须大于 0' }).max(10_000_000_000),
  description: nonEmptyText(1000),
});
export const usageReportSubmit = z.object({
  lines: z.array(usageLine).min(1, { message: '至少填写一项用途' }).max(50),
  /** Files already uploaded on the winner's application (the file store). */
  fileIds: z.array(z.uuid()).max(20).default([]),
});

const usageStatus = z.enum(Object.keys(USAGE_STATUS_LABELS) as [UsageStatus, ...UsageStatus[]]);

export const winnerAwards = z.object({
  winnerId: z.uuid(),
  applicationId: z.uuid().nullable(),
  name: z.string(),
  kind: z.string(),
  category: z.string(),
  awardLabel: z.string(),
  revokedAt: isoDateTime.nullable(),
  certificate: z.object({ serial: z.string(), issuedOn: isoDate, verifyPath: z.string(), verifyUrl: z.string() }).nullable(),
  /** What the winner receives per the profile, and what was handed over or recovered. */
  items: z.array(z.object({ kind: z.enum(AWARD_ITEM_KINDS), label: z.string(), issuedOn: isoDate.nullable(), receivedBy: z.string().nullable(), recoveredOn: isoDate.nullable() })),
  money: z.object({
    dueFen: z.number().int(),
    paidFen: z.number().int(),
    reportedFen: z.number().int(),
    reportDueOn: isoDate.nullable(),
    status: usageStatus,
    overdue: z.boolean(),
  }),
  payments: z.array(z.object({ id: z.uuid(), amountFen: z.number().int(), paidOn: isoDate, reference: z.string() })),
  reports: z.array(z.object({ id: z.uuid(), reportedAt: isoDateTime, lines: z.array(z.object({ purpose: z.string(), amountFen: z.number().int(), description: z.string() })), fileIds: z.array(z.uuid()) })),
});
export type WinnerAwards = z.infer<typeof winnerAwards>;

export const editionAwards = z.object({
  editionId: z.uuid(),
  editionName: z.string(),
  usageReportMonths: z.number().int(),
  feedbackReleasedAt: isoDateTime.nullable(),
  winners: z.array(winnerAwards),
  /** Every application that reached the material review: each has a feedback report. */
  feedback: z.array(z.object({ applicationId: z.uuid(), name: z.string(), kind: z.string() })),
});
export type EditionAwards = z.infer<typeof editionAwards>;

/** The applicant's own page: its winners and its feedback reports. */
export const myAwards = z.object({
  winners: z.array(winnerAwards),
  feedback: z.array(z.object({ applicationId: z.uuid(), editionName: z.string(), name: z.string() })),
});
export type MyAwards = z.infer<typeof myAwards>;

export const feedbackRelease = z.object({ feedbackReleasedAt: isoDateTime });
