import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Space, Table, Typography } from 'antd';
import type { CompositeRow } from '../../contract/decision';
import { formatDisplayDate } from '../../domain/display-time';
import { errorWithFields } from '../shared/formErrors';
import { QueryError } from '../shared/QueryError';
import { recordListDecision, useComposite, useDecisionMutation } from './api';
import { compositeColumns, KIND_LABELS } from './CompositeColumns';

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The office proposes the candidate list from the composite scores, within the profile's limits (Art. 16). */
export default function CandidatesTab({ editionId }: { editionId: string }) {
  const table = useComposite(editionId);
  const { modal, message } = App.useApp();
  const decide = useDecisionMutation(editionId, (body: Parameters<typeof recordListDecision>[1]) => recordListDecision(editionId, body));
  const open = useMemo(() => (table.data?.rows ?? []).filter((r) => r.state === 'satisfaction_survey'), [table.data]);
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  useEffect(() => {
    // The proposal: the best of each kind, as many as the limit allows.
    const limit = table.data?.candidateLimit;
    if (!limit) return;
    const next: Record<string, boolean> = {};
    for (const kind of ['unit', 'individual'] as const) {
      open.filter((r) => r.kind === kind && r.composite !== null).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)).forEach((r, i) => (next[r.applicationId] = i < limit[kind]));
    }
    setChosen(next);
  }, [open, table.data?.candidateLimit]);
  if (table.isPending) return <Card loading />;
  if (table.isError) return <QueryError error={table.error} onRetry={() => void table.refetch()} />;
  const t = table.data;
  const decidable = open.filter((r) => r.composite !== null);
  const waiting = open.filter((r) => r.composite === null);
  const count = (kind: 'unit' | 'individual') => decidable.filter((r) => r.kind === kind && chosen[r.applicationId]).length;
  const over = (['unit', 'individual'] as const).filter((k) => count(k) > t.candidateLimit[k]);
  const listed = t.rows.filter((r) => r.state !== 'satisfaction_survey' && r.state !== 'technical_reviewed' && r.state !== 'not_selected');
  const submit = () =>
    modal.confirm({
      title: '提出建议候选名单',
      content: `列入 ${decidable.filter((r) => chosen[r.applicationId]).length} 项，不列入 ${decidable.filter((r) => !chosen[r.applicationId]).length} 项。名单提出后提交评审委员会审议，不可撤销。`,
      okText: '提出名单',
      cancelText: '取消',
      onOk: async () => {
        try {
          await decide.mutateAsync({
            kind: 'candidate_list',
            decidedOn: formatDisplayDate(new Date()),
            items: decidable.map((r) => ({ applicationId: r.applicationId, outcome: chosen[r.applicationId] ? 'candidate' : 'not_selected', reason: chosen[r.applicationId] ? null : '综合得分未列入建议候选名单' })),
          });
          message.success('建议候选名单已提出');
        } catch (err) {
          message.error(errorWithFields(err));
        }
      },
    });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        综合得分 = 材料评审 {pct(t.weights.material)} + 现场评审与陈述答辩 {pct(t.weights.onsiteDefence)} + 社会满意度 {pct(t.weights.satisfaction)}（各部分按百分制）。建议候选名单至多单位 {t.candidateLimit.unit} 个、个人 {t.candidateLimit.individual} 个。
        {t.preferenceMode === 'none' ? '第十一条鼓励类别本届仅作记录。' : '第十一条鼓励类别按规则倾斜，改变名次之处标“倾斜”。'}
      </Typography.Paragraph>
      {waiting.length ? <Alert type="info" showIcon title={`${waiting.length} 项的综合得分尚未齐全（满意度测评未结束等），暂不能列入名单：${waiting.map((r) => r.name).join('、')}`} /> : null}
      {decidable.length ? (
        <Card title="建议候选名单" size="small" data-testid="candidate-card">
          <Table<CompositeRow>
            rowKey="applicationId"
            size="small"
            pagination={false}
            dataSource={decidable}
            scroll={{ x: 900 }}
            columns={[
              {
                title: '列入',
                key: 'chosen',
                width: 60,
                render: (_, r) => <Checkbox checked={chosen[r.applicationId] ?? false} onChange={(e) => setChosen((c) => ({ ...c, [r.applicationId]: e.target.checked }))} aria-label={`${r.name}列入建议候选名单`} />,
              },
              ...compositeColumns(),
            ]}
          />
          {over.length ? <Alert style={{ marginTop: 12 }} type="error" showIcon title={over.map((k) => `${KIND_LABELS[k]}已选 ${count(k)} 个，超过上限 ${t.candidateLimit[k]} 个`).join('；')} /> : null}
          <Button style={{ marginTop: 12 }} type="primary" disabled={over.length > 0} loading={decide.isPending} onClick={submit} data-testid="candidate-submit">
            提出建议候选名单（单位 {count('unit')}，个人 {count('individual')}）
          </Button>
        </Card>
      ) : null}
      <Card title="全部候选对象" size="small">
        <Table<CompositeRow> rowKey="applicationId" size="small" pagination={false} dataSource={t.rows} scroll={{ x: 900 }} columns={compositeColumns()} locale={{ emptyText: '技术评审结果报送后，这里列出各对象的综合得分' }} />
        {listed.length ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>已列入名单并进入后续环节：{listed.length} 项。</Typography.Paragraph> : null}
      </Card>
    </Space>
  );
}
