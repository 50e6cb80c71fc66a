import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import type { ScorebookPage } from '../../../contract/technical-scoring';
import { fmtTime } from '../../shared/format';
import { fmtPoints } from './format';

type Aggregate = NonNullable<ScorebookPage['aggregate']>;

const METHOD_LABELS: Record<string, string> = {
  mean: '算术平均',
  trimmed_mean: '去掉最高分和最低分后平均',
  leader_consensus: '组长组内一致意见',
};
const methodLabel = (m: string) => METHOD_LABELS[m] ?? m;
const pct = (v: number | null) => (v === null ? '—' : `${fmtPoints(v)}%`);

/** The panel's submitted scorebooks, names and totals (shown once the caller's own is in). */
export function PanelScorebooks({ page }: { page: ScorebookPage }) {
  const categories = page.template.categories;
  return (
    <Card title="本组独立评分" size="small" style={{ marginBottom: 16 }} data-testid="panel-scorebooks">
      <Table
        size="small"
        rowKey="expertId"
        pagination={false}
        dataSource={page.panel}
        locale={{ emptyText: '本组尚无已提交的评分' }}
        scroll={{ x: true }}
        columns={[
          {
            title: '专家',
            dataIndex: 'expertName',
            render: (name: string, b) => (
              <>
                {name}
                {b.setAside ? <Tag style={{ marginLeft: 6 }}>已回避，不计入</Tag> : null}
              </>
            ),
          },
          ...categories.map((c) => ({
            key: c.code,
            title: c.name,
            align: 'right' as const,
            render: (_: unknown, b: ScorebookPage['panel'][number]) => fmtPoints(b.byCategory[c.code] ?? null),
          })),
          { title: '总分', dataIndex: 'total', align: 'right' as const, render: (t: number) => <b>{fmtPoints(t)}</b> },
          { title: '提交时间', dataIndex: 'submittedAt', render: (t: string | null) => fmtTime(t) },
        ]}
      />
    </Card>
  );
}

/** Per item the panel's mean, min, max and spread, with the items where the experts disagree flagged. */
export function AggregateTable({ page, aggregate }: { page: ScorebookPage; aggregate: Aggregate }) {
  const names = new Map(page.template.categories.flatMap((c) => c.items.map((i) => [i.code, i.name] as const)));
  const flagged = aggregate.items.filter((i) => i.flagged);
  return (
    <Card title="汇总与分歧" size="small" style={{ marginBottom: 16 }} data-testid="panel-aggregate">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'method', label: '汇总方法', children: methodLabel(aggregate.appliedMethod) + (aggregate.appliedMethod !== aggregate.method ? `（规则为${methodLabel(aggregate.method)}）` : '') },
          { key: 'aggregate', label: '汇总得分', children: <b data-testid="aggregate-score">{fmtPoints(aggregate.aggregate)}</b> },
          { key: 'raw', label: '原始平均分', children: fmtPoints(aggregate.rawMean) },
          {
            key: 'spread',
            label: '总分极差',
            children: (
              <>
                {fmtPoints(aggregate.total.spread)}（{fmtPoints(aggregate.total.min)}–{fmtPoints(aggregate.total.max)}）
                {aggregate.total.flagged ? <Tag color="warning" style={{ marginLeft: 6 }}>分歧较大</Tag> : null}
              </>
            ),
          },
        ]}
      />
      {aggregate.note ? <Alert type="info" showIcon message={aggregate.note} style={{ marginBottom: 12 }} /> : null}
      {aggregate.disagreement ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="disagreement"
          message="本组评分存在较大分歧"
          description={flagged.length ? `分歧较大的条款：${flagged.map((i) => `${i.code} ${names.get(i.code) ?? ''}`).join('、')}。建议组内讨论后形成一致意见。` : '总分极差超过规则规定的阈值。'}
        />
      ) : null}
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={aggregate.items}
        scroll={{ x: true }}
        rowClassName={(i) => (i.flagged ? 'ant-table-row-flagged' : '')}
        columns={[
          { title: '条款', dataIndex: 'code', render: (code: string) => `${code} ${names.get(code) ?? ''}` },
          { title: '分值', dataIndex: 'points', align: 'right' },
          { title: '人数', dataIndex: 'count', align: 'right' },
          { title: '平均得分率', dataIndex: 'mean', align: 'right', render: pct },
          { title: '最低', dataIndex: 'min', align: 'right', render: pct },
          { title: '最高', dataIndex: 'max', align: 'right', render: pct },
          { title: '极差', dataIndex: 'spread', align: 'right', render: (v: number) => `${fmtPoints(v)}%` },
          { title: '平均得分', dataIndex: 'meanScore', align: 'right', render: (v: number | null) => fmtPoints(v) },
          { title: '一致意见', dataIndex: 'consensusPercent', align: 'right', render: pct },
          { title: '', key: 'flag', render: (_, i) => (i.flagged ? <Tag color="warning">分歧较大</Tag> : null) },
        ]}
      />
    </Card>
  );
}
