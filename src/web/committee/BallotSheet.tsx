import { useState } from 'react';
import { Alert, App, Button, Modal, Radio, Result, Space, Table, Tag, Typography } from 'antd';
import type { MemberSheet } from '../../contract/committee';
import { BALLOT_CHOICE_LABELS, BALLOT_CHOICES, type BallotChoice } from '../../domain/committee/ballot';
import { errorWithFields } from '../shared/formErrors';
import { memberCalls, useMemberMutation } from '../decision/committee/api';

type Line = MemberSheet['candidates'][number];
const KIND = { unit: '单位', individual: '个人' } as const;
const score = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/**
 * The member's ballot: the candidates with their composite scores, a choice per candidate, one
 * confirmation, cast once. Recused candidates have no line. Secret: the choice leaves the
 * browser only as part of the sheet, and nothing records it with the member's name.
 */
export function BallotSheet({ sheet, onRecuse }: { sheet: MemberSheet; onRecuse: (applicationId: string) => void }) {
  const { message } = App.useApp();
  const [choices, setChoices] = useState<Record<string, BallotChoice>>({});
  const cast = useMemberMutation(memberCalls(sheet.editionId).cast);
  const session = sheet.session;
  const onBallot = session ? sheet.candidates.filter((c) => session.applicationIds.includes(c.applicationId)) : [];
  const recused = sheet.candidates.filter((c) => c.recused);
  const voting = Boolean(session?.present && !session.voted);
  const missing = onBallot.filter((c) => !choices[c.applicationId]);

  const confirm = () =>
    Modal.confirm({
      title: '确认投票？',
      width: 520,
      content: (
        <Space orientation="vertical">
          <Typography.Text>投票一次投出全部意见，投出后不能更改。</Typography.Text>
          {onBallot.map((c) => (
            <Typography.Text key={c.applicationId}>
              {c.name}：<b>{BALLOT_CHOICE_LABELS[choices[c.applicationId]]}</b>
            </Typography.Text>
          ))}
        </Space>
      ),
      okText: '确认投票',
      onOk: () =>
        cast
          .mutateAsync({ sessionId: session!.id, choices: onBallot.map((c) => ({ applicationId: c.applicationId, choice: choices[c.applicationId] })) })
          .then(() => void message.success('投票成功'))
          .catch((e: unknown) => void message.error(errorWithFields(e))),
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {!session ? <Alert type="info" showIcon title="尚未召开全体会议。会议开始后，出席委员可在此投票；会前可申报回避。" /> : null}
      {session && !session.present ? <Alert type="warning" showIcon title={`全体会议（${session.heldOn}）进行中，您未登记出席，不能投票。如有误请联系强市办。`} /> : null}
      {session?.voted ? <Result status="success" title="您已投票" subTitle="本次表决为无记名投票，系统只记录您已投票，不记录您的投票意见。" /> : null}
      <Table<Line>
        rowKey="applicationId"
        size="middle"
        pagination={false}
        dataSource={sheet.candidates.filter((c) => !c.recused)}
        locale={{ emptyText: '暂无待审议的建议候选' }}
        data-testid="ballot-sheet"
        columns={[
          { title: '申报者', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', width: 60, render: (k: Line['kind']) => KIND[k] },
          { title: '综合得分', dataIndex: 'composite', width: 90, align: 'right', render: score },
          { title: '排名', dataIndex: 'rank', width: 60, align: 'right', render: (v: number | null) => v ?? '—' },
          { title: '材料评审', dataIndex: 'material', width: 90, align: 'right', render: score },
          { title: '现场与答辩', dataIndex: 'onsiteDefence', width: 100, align: 'right', render: score },
          { title: '满意度', dataIndex: 'satisfaction', width: 80, align: 'right', render: score },
          voting
            ? {
                title: '投票意见',
                key: 'choice',
                width: 300,
                render: (_, c) =>
                  session!.applicationIds.includes(c.applicationId) ? (
                    <Radio.Group
                      value={choices[c.applicationId]}
                      onChange={(e) => setChoices((prev) => ({ ...prev, [c.applicationId]: e.target.value as BallotChoice }))}
                      options={BALLOT_CHOICES.map((v) => ({ value: v, label: BALLOT_CHOICE_LABELS[v] }))}
                      aria-label={`${c.name}的投票意见`}
                    />
                  ) : (
                    <Typography.Text type="secondary">不在本次表决名单</Typography.Text>
                  ),
              }
            : {
                title: '回避',
                key: 'recuse',
                width: 110,
                render: (_, c) => (session?.voted ? null : <Button size="small" onClick={() => onRecuse(c.applicationId)}>申报回避</Button>),
              },
        ]}
      />
      {voting ? (
        <Space>
          <Button type="primary" disabled={missing.length > 0 || onBallot.length === 0} loading={cast.isPending} onClick={confirm} data-testid="ballot-cast">
            投票
          </Button>
          {missing.length ? <Typography.Text type="secondary">还有 {missing.length} 个申报未选择投票意见</Typography.Text> : null}
        </Space>
      ) : null}
      {recused.length ? (
        <Typography.Text type="secondary">
          您已回避：{recused.map((c) => <Tag key={c.applicationId}>{c.name}</Tag>)}（不参加审议和表决，不显示其评分）
        </Typography.Text>
      ) : null}
    </Space>
  );
}
