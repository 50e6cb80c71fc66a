import { useState } from 'react';
import { Card, Empty, Select, Space, Tag, Typography } from 'antd';
import { COMMITTEE_POSITION_LABELS } from '../../domain/committee/ballot';
import { memberCalls, useMemberEditions, useMemberMutation, useMemberSheet } from '../decision/committee/api';
import { RecusalModal } from '../decision/committee/RecusalModal';
import { QueryError } from '../shared/QueryError';
import { BallotSheet } from './BallotSheet';

/** A committee member's page: the editions they sit on, their recusals, the ballot sheet. */
export default function CommitteePage() {
  const editions = useMemberEditions();
  const [chosen, setChosen] = useState<string | null>(null);
  const items = editions.data?.items ?? [];
  const editionId = chosen ?? items.find((e) => e.sessionOpen)?.editionId ?? items[0]?.editionId ?? null;
  const sheet = useMemberSheet(editionId);
  const [recusing, setRecusing] = useState<string | null>(null);
  const recuse = useMemberMutation(memberCalls(editionId ?? '').recuse);

  if (editions.isError) return <QueryError error={editions.error} onRetry={() => void editions.refetch()} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        评审委员会
      </Typography.Title>
      <Card loading={editions.isPending}>
        {items.length === 0 ? (
          <Empty description="您尚未被聘为任何届次的评审委员会委员" />
        ) : (
          <Space wrap>
            <span>届次</span>
            <Select
              value={editionId}
              onChange={setChosen}
              style={{ width: 320 }}
              aria-label="届次"
              options={items.map((e) => ({ value: e.editionId, label: `${e.name}（${COMMITTEE_POSITION_LABELS[e.position]}）` }))}
            />
            {items.find((e) => e.editionId === editionId)?.sessionOpen ? <Tag color="processing">全体会议进行中</Tag> : null}
          </Space>
        )}
      </Card>
      {sheet.isError ? <QueryError error={sheet.error} onRetry={() => void sheet.refetch()} /> : null}
      {sheet.data ? (
        <Card title={`${sheet.data.editionName} · 表决票`} extra={sheet.data.constituted ? <Tag color="green">委员会已组成</Tag> : <Tag>委员会筹备中</Tag>}>
          <BallotSheet sheet={sheet.data} onRecuse={setRecusing} />
        </Card>
      ) : null}
      {sheet.data ? (
        <RecusalModal
          open={recusing !== null}
          candidates={sheet.data.candidates.filter((c) => !c.recused)}
          applicationId={recusing ?? undefined}
          onSubmit={({ applicationId, reason }) => recuse.mutateAsync({ applicationId, reason })}
          onClose={() => setRecusing(null)}
        />
      ) : null}
    </Space>
  );
}
