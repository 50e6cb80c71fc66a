import { useMemo, useState } from 'react';
import { Alert, Card, Descriptions, Empty, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ExpertDisqualification } from '../../contract/supervision';
import { APPLICANT_KIND_LABELS } from '../../contract/technical-report';
import { apiGet } from '../api/client';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';
import { comparisonRows, type ComparisonRow } from './disqualificationRows';

/**
 * An edition's expert disqualifications (Art. 26): per expert the reason and the results before
 * and after their scores were set aside, changed rows highlighted with 升/降. Decisions already
 * taken are not redone by the system; this is what the office puts to the body that decided.
 */
export default function DisqualificationsCard({ editionId }: { editionId: string }) {
  const list = useQuery({
    queryKey: ['supervision', 'expert-disqualifications', editionId],
    queryFn: ({ signal }) => apiGet<{ items: ExpertDisqualification[] }>(`/api/editions/${encodeURIComponent(editionId)}/expert-disqualifications`, signal),
  });
  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) return <Empty description="本届没有被取消评审资格的专家" />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="expert-disqualifications">
      <Alert
        type="info"
        showIcon
        message="被取消评审资格专家的评分已作废，评审结果按其余专家的评分重新计算。此前已作出的晋级等决定不会自动变更，是否重新审议由强市办提请作出决定的机构研究。"
      />
      {list.data.items.map((d) => (
        <DisqualificationItem key={d.id} item={d} />
      ))}
    </Space>
  );
}

const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const rank = (v: number | null) => (v === null ? '—' : `第${v}名`);

function Move({ row }: { row: ComparisonRow }) {
  if (row.move === 'up') return <Tag color="green" icon={<ArrowUpOutlined />}>升 {row.beforeRank! - row.afterRank!}</Tag>;
  if (row.move === 'down') return <Tag color="red" icon={<ArrowDownOutlined />}>降 {row.afterRank! - row.beforeRank!}</Tag>;
  return row.changed ? <Tag>名次未变</Tag> : null;
}

function DisqualificationItem({ item }: { item: ExpertDisqualification }) {
  const [onlyChanged, setOnlyChanged] = useState(true);
  const rows = useMemo(() => comparisonRows(item), [item]);
  const changed = rows.filter((r) => r.changed);
  const shown = onlyChanged ? changed : rows;
  return (
    <Card
      size="small"
      title={`${item.expertName} · 已取消本届评审资格`}
      extra={
        <Space>
          <Typography.Text type="secondary">仅看变化</Typography.Text>
          <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} aria-label="仅看变化" />
        </Space>
      }
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="取消时间">{fmtTime(item.disqualifiedAt)}</Descriptions.Item>
        <Descriptions.Item label="原因">{item.reason}</Descriptions.Item>
        <Descriptions.Item label="受影响">{changed.length ? `${new Set(changed.map((r) => r.applicationId)).size} 个申报的得分或名次发生变化` : '各申报的得分和名次均未变化'}</Descriptions.Item>
      </Descriptions>
      <Table<ComparisonRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={shown}
        locale={{ emptyText: '没有变化' }}
        onRow={(r) => ({ style: r.changed ? { background: '#fffbe6' } : undefined })}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '环节', dataIndex: 'stageLabel', width: 100 },
          { title: '类别', dataIndex: 'kind', width: 60, render: (k: string) => APPLICANT_KIND_LABELS[k as keyof typeof APPLICANT_KIND_LABELS] ?? k },
          { title: '申报', dataIndex: 'name' },
          {
            title: '取消前',
            children: [
              { title: '得分', dataIndex: 'beforeScore', align: 'right', width: 90, render: num },
              { title: '名次', dataIndex: 'beforeRank', align: 'right', width: 80, render: rank },
              { title: '计入评分表', dataIndex: 'beforeCounted', align: 'right', width: 90, render: (v: number | null) => v ?? '—' },
            ],
          },
          {
            title: '取消后',
            children: [
              { title: '得分', dataIndex: 'afterScore', align: 'right', width: 90, render: num },
              { title: '名次', dataIndex: 'afterRank', align: 'right', width: 80, render: rank },
              { title: '计入评分表', dataIndex: 'afterCounted', align: 'right', width: 90, render: (v: number | null) => v ?? '—' },
            ],
          },
          { title: '名次变化', key: 'move', width: 100, render: (_: unknown, r) => <Move row={r} /> },
        ]}
      />
    </Card>
  );
}
