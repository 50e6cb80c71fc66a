/**
 * Art. 24: experts act objectively and independently, keep the applicants' trade and
 * technical secrets, and declare conflicts. Every expert accepts this text for an edition
 * before seeing anything of it; the digest of the accepted text is recorded with the time.
 */
export const COMMITMENT_ARTICLE = '第二十四条';

export function commitmentText(awardName: string, editionName: string): string {
  return [
    `本人受邀参加${editionName}${awardName}技术评审工作，郑重承诺：`,
    '一、坚持客观、公正、独立地评审，不受任何单位和个人干预，不接受申报方的宴请、礼品、礼金及其他利益；',
    '二、对评审中知悉的申报方商业秘密、技术秘密及评审情况严格保密，不复制、不外传评审材料，评审结束后不保留任何材料；',
    '三、与申报方存在任职、曾任职、亲属任职、顾问或持股等利害关系，或存在其他可能影响公正评审的情形的，主动申报并回避；',
    '四、如违反上述承诺，自愿接受取消评审资格、评审结果作废等处理，并承担相应责任。',
  ].join('\n');
}
