import { PDFDocument } from 'pdf-lib';
import { sessionResult, type SessionResult } from '../../contract/committee.js';
import { BALLOT_CHOICE_LABELS } from '../../domain/committee/ballot.js';
import { KIND_OF } from '../../domain/profile/decision-settings.js';
import { embedCjkFont } from './cjk-font.js';
import { CONTENT_WIDTH, MUTED, PdfCursor, drawFooters, drawTable, type TableColumn } from './pdf-layout.js';

export interface MinutesInput {
  editionName: string;
  heldOn: string;
  result: SessionResult;
}

export function minutesTitle(input: Pick<MinutesInput, 'editionName'>): string {
  return `${input.editionName}评审委员会全体会议纪要`;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * The plenary's minutes (纪要) as a PDF: attendance and quorum, recusals, per candidate the
 * members entitled, the votes per choice, the votes needed and the result, then the proposed
 * list. The ballot was secret: the minutes name who voted, never what anyone chose.
 */
export async function renderMinutesPdf(input: MinutesInput): Promise<Uint8Array> {
  const result = sessionResult.parse(input.result);
  const title = minutesTitle(input);
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await embedCjkFont(doc);
  const c = new PdfCursor(doc, font);

  c.line(title, { size: 16, lineHeight: 22, width: CONTENT_WIDTH, align: 'center' });
  const status = result.status === 'closed' ? `决议文号：${result.documentNumber ?? '—'}` : `本轮表决无效：${result.voidReason ?? ''}`;
  c.line(`会议日期：${input.heldOn}    ${status}`, { size: 9, lineHeight: 18, width: CONTENT_WIDTH, align: 'center', color: MUTED });

  const present = result.members.filter((m) => m.present).length;
  c.gap(6);
  c.line('一、出席情况', { size: 12, lineHeight: 22 });
  c.paragraph(`评审委员会共有成员 ${result.members.length} 名，出席 ${present} 名；法定人数为成员的 ${percent(result.quorumShare)}，即 ${result.quorum} 名，${present >= result.quorum ? '已达到' : '未达到'}法定人数。`);
  c.gap(4);
  const memberColumns: TableColumn[] = [
    { header: ['姓名'], width: 200 },
    { header: ['职务'], width: 120 },
    { header: ['出席'], width: 90, align: 'center' },
    { header: ['已投票'], width: CONTENT_WIDTH - 410, align: 'center' },
  ];
  drawTable(c, memberColumns, result.members.map((m) => [m.name, m.positionLabel, m.present ? '出席' : '缺席', m.voted ? '是' : '否']));

  c.gap(10);
  c.line('二、回避情况', { size: 12, lineHeight: 22 });
  if (!result.recusals.length) c.paragraph('无委员申报回避。');
  else drawTable(c, [{ header: ['委员'], width: 120 }, { header: ['回避的申报'], width: 180 }, { header: ['理由'], width: CONTENT_WIDTH - 300 }], result.recusals.map((r) => [r.memberName, r.applicationName, r.reason]));

  c.gap(10);
  c.line('三、表决结果（无记名投票）', { size: 12, lineHeight: 22 });
  c.paragraph(
    `表决规则：对每个建议候选，有表决权的委员为全体委员减去回避的委员；某一结果须获得超过有表决权委员 ${percent(result.thresholdShare)} 的票数方为通过。` +
      `“${BALLOT_CHOICE_LABELS.award}”票数达到所需票数的，建议授予市长质量奖；否则“${BALLOT_CHOICE_LABELS.award}”与“${BALLOT_CHOICE_LABELS.nomination}”票数之和达到所需票数的，建议授予提名奖（投市长质量奖的票同时计入提名奖）；否则不列入建议名单。`,
    { size: 9 },
  );
  c.gap(4);
  const resultColumns: TableColumn[] = [
    { header: ['申报者'], width: 150 },
    { header: ['类别'], width: 34, align: 'center' },
    { header: ['有表决权'], width: 46, align: 'right' },
    { header: ['所需票数'], width: 46, align: 'right' },
    { header: ['市长质量奖'], width: 50, align: 'right' },
    { header: ['提名奖'], width: 40, align: 'right' },
    { header: ['均不推荐'], width: 44, align: 'right' },
    { header: ['结果'], width: CONTENT_WIDTH - 410 },
  ];
  drawTable(
    c,
    resultColumns,
    result.candidates.map((r) => [r.name, KIND_OF[r.kind], String(r.entitled), String(r.needed), String(r.votes.award), String(r.votes.nomination), String(r.votes.neither), r.outcomeLabel]),
    (i) => result.candidates[i].outcome !== 'not_proposed',
  );

  c.gap(10);
  c.line('四、建议拟获奖名单', { size: 12, lineHeight: 22 });
  if (result.breaches.length) c.paragraph(`表决结果超出名额（${result.breaches.join('；')}），本轮不形成名单。`);
  else {
    for (const category of ['award', 'nomination'] as const) {
      const names = result.candidates.filter((r) => r.outcome === category).map((r) => `${r.name}（${KIND_OF[r.kind]}）`);
      c.paragraph(`${category === 'award' ? '建议授予市长质量奖' : '建议授予提名奖'}：${names.length ? names.join('、') : '空缺'}`);
    }
  }
  c.gap(8);
  c.paragraph('本次表决为无记名投票：记录显示委员是否投票及各项票数，不记录任何委员的具体投票意见。', { size: 8, color: MUTED });
  drawFooters(doc, font, title);
  return doc.save();
}
