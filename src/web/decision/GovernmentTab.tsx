import { useCallback, useMemo } from 'react';
import { Alert, Card, Empty, Space } from 'antd';
import type { CompositeRow } from '../../contract/decision';
import { QueryError } from '../shared/QueryError';
import { recordListDecision, useComposite, useDecisionMutation } from './api';
import { CATEGORY_LABELS } from './CompositeColumns';
import { ListDecisionForm } from './ListDecisionForm';

const CHOICES = [
  { value: 'award', label: `授予${CATEGORY_LABELS.award}` },
  { value: 'nomination', label: `授予${CATEGORY_LABELS.nomination}` },
  { value: 'none', label: '不授奖' },
];

/** The city government's decision on the noticed list, after the notice period (Art. 18). */
export default function GovernmentTab({ editionId }: { editionId: string }) {
  const table = useComposite(editionId);
  const decide = useDecisionMutation(editionId, (body: Parameters<typeof recordListDecision>[1]) => recordListDecision(editionId, body));
  const noticed = useMemo(() => (table.data?.rows ?? []).filter((r) => r.state === 'public_notice'), [table.data]);
  const initial = useCallback((r: CompositeRow) => r.approvedCategory ?? 'none', []);
  if (table.isPending) return <Card loading />;
  if (table.isError) return <QueryError error={table.error} onRetry={() => void table.refetch()} />;
  if (noticed.length === 0) return <Empty description="拟获奖名单公示期满、异议处理完毕后，在这里审定" />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title="公示期满且异议均已处理后方可审定；审定后由强市办公布（第十七条、第十八条）。" />
      <ListDecisionForm
        title="市政府审定"
        testId="government"
        rows={noticed}
        choices={CHOICES}
        initial={initial}
        documentLabel="决定文号"
        submitLabel="审定获奖名单"
        confirm={(p) => `授予市长质量奖 ${Object.values(p).filter((v) => v === 'award').length} 项，提名奖 ${Object.values(p).filter((v) => v === 'nomination').length} 项。`}
        onSubmit={(p, documentNumber, decidedOn) => decide.mutateAsync({ kind: 'government_decision', documentNumber, decidedOn, items: noticed.map((r) => ({ applicationId: r.applicationId, outcome: p[r.applicationId] })) })}
      />
    </Space>
  );
}
