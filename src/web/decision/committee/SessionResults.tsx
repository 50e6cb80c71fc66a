import { Button, Card, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { CandidateResultView, SessionView } from '../../../contract/committee';
import { minutesUrl } from './api';

const KIND = { unit: '单位', individual: '个人' } as const;
const TONE = { award: 'gold', nomination: 'blue', not_proposed: 'default' } as const;

/** An ended session: attendance, the counts per candidate and the result, the minutes to download. */
export function SessionResults({ editionId, session }: { editionId: string; session: SessionView }) {
  const result = session.result;
  if (!result) return null;
  const present = result.members.filter((m) => m.present).length;
  return (
    <Card
      title={`全体会议 ${session.heldOn}`}
      extra={
        <Button icon={<DownloadOutlined />} href={minutesUrl(editionId, session.id)} download size="small" data-testid="committee-minutes">
          会议纪要（PDF）
        </Button>
      }
    >
      {result.status === 'void' ? <Tag color="red">本轮表决无效：{result.voidReason}</Tag> : <Tag color="green">已形成决议 {result.documentNumber}</Tag>}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        出席 {present} / {result.members.length} 人（法定人数 {result.quorum} 人），已投票 {result.members.filter((m) => m.voted).length} 人。投市长质量奖的票同时计入提名奖。
      </Typography.Paragraph>
      {result.breaches.length ? <Typography.Paragraph type="danger">超出名额：{result.breaches.join('；')}</Typography.Paragraph> : null}
      <Table<CandidateResultView>
        rowKey="applicationId"
        size="small"
        pagination={false}
        dataSource={result.candidates}
        columns={[
          { title: '申报者', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', width: 60, render: (k: 'unit' | 'individual') => KIND[k] },
          { title: '有表决权', dataIndex: 'entitled', width: 80, align: 'right' },
          { title: '市长质量奖', key: 'award', width: 90, align: 'right', render: (_, r) => r.votes.award },
          { title: '提名奖', key: 'nomination', width: 70, align: 'right', render: (_, r) => r.votes.nomination },
          { title: '均不推荐', key: 'neither', width: 80, align: 'right', render: (_, r) => r.votes.neither },
          { title: '所需票数', dataIndex: 'needed', width: 80, align: 'right' },
          { title: '结果', key: 'outcome', width: 160, render: (_, r) => <Tag color={TONE[r.outcome]}>{r.outcomeLabel}</Tag> },
        ]}
      />
    </Card>
  );
}
