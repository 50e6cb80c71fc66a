import { z } from 'zod';
import type { ApplicantKind, RuleProfile } from './schema.js';

/**
 * Supervision and revocation settings (SPEC §7–8; Art. 24–29) as profile data: the grounds on
 * which an award can be revoked, each with its article, per kind of winner. Optional in a
 * profile so the profiles written before this capability stay valid; the defaults are the
 * 2017 Measures' own lists (Art. 28: eleven for units, Art. 29: nine for individuals).
 */

const ground = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/),
  article: z.string().min(1).max(40),
  label: z.string().min(1).max(200),
});
export type RevocationGround = z.infer<typeof ground>;

const groundList = z
  .array(ground)
  .min(1)
  .max(40)
  .refine((list) => new Set(list.map((g) => g.code)).size === list.length, { message: '撤销情形代码不得重复' });

export const supervisionSettingsSchema = z.object({
  revocationGrounds: z.object({ unit: groundList, individual: groundList }),
});
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;

const UNIT_GROUNDS = [
  '弄虚作假，采取不正当手段骗取市长质量奖荣誉的',
  '发生重大质量、安全、环保、卫生等责任事故的',
  '产品质量或服务质量不稳定，单位产品连续 2 次经市级以上质量监督抽查判定为不合格，或出现重大服务质量事故的',
  '工程质量发生重大问题的',
  '出口产品因质量问题被国外通报或索赔，致使国家形象和产品信誉受到较大损害的',
  '拒绝履行本办法第六章规定的责任的',
  '未履行社会责任，引起社会公众谴责，造成重大不良影响的',
  '被媒体曝光，并造成严重不良影响的',
  '经营产品或提供的服务已经列入国家淘汰范围的',
  '产品或服务的质量和技术落后于同行业水平，不具备示范引领作用的',
  '发生其他严重违法法规行为的',
];
const INDIVIDUAL_GROUNDS = [
  '弄虚作假，采取不正当手段骗取市长质量奖荣誉的',
  '违反政治纪律、廉政规定的',
  '因个人原因导致所在单位发生重大质量、安全、环保、卫生等事故，并被司法、行政处理的',
  '抄袭、剽窃他人研究或技术成果的',
  '违反基本职业道德和社会规范，被媒体曝光并造成恶劣影响的',
  '发生严重失信行为，被征信管理部门实施失信处罚的',
  '拒绝履行本办法第六章规定的责任的',
  '因其他变化，已经不具备示范引领作用的',
  '发生其他违反法律法规行为的',
];
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一'];

const listOf = (labels: string[], article: string, prefix: string): RevocationGround[] =>
  labels.map((label, i) => ({ code: `${prefix}${i + 1}`, article: `${article}（${NUMERALS[i]}）`, label }));

export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = {
  revocationGrounds: { unit: listOf(UNIT_GROUNDS, '第二十八条', 'unit_'), individual: listOf(INDIVIDUAL_GROUNDS, '第二十九条', 'individual_') },
};

export function supervisionSettings(profile: Pick<RuleProfile, 'supervision'>): SupervisionSettings {
  return profile.supervision ?? DEFAULT_SUPERVISION_SETTINGS;
}

/** The ground of `code` for a winner of `kind`, or undefined when the profile has none such. */
export function revocationGround(profile: Pick<RuleProfile, 'supervision'>, kind: ApplicantKind, code: string): RevocationGround | undefined {
  return supervisionSettings(profile).revocationGrounds[kind].find((g) => g.code === code);
}
