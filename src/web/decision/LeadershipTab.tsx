import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Space } from 'antd';
import type { CompositeRow } from '../../contract/decision';
import { formatDisplayDate } from '../../domain/display-time';
import { errorWithFields } from '../shared/formErrors';
import { QueryError } from '../shared/QueryError';
import { recordListDecision, useComposite, useDecisionMutation } from './api';
import { CATEGORY_LABELS } from './CompositeColumns';
import { ListDecisionForm } from './ListDecisionForm';

const CHOICES = [
  { value: 'award', label: `审定通过：${CATEGORY_LABELS.award}` },
  { value: 'nomination', label: `审定通过：${CATEGORY_LABELS.nomination}` },
  { value: 'not_selected', label: '不予通过' },
];

/** The leadership group approves the committee's proposed list, or returns it with reasons (Art. 16). */
export default function LeadershipTab({ editionId }: { editionId: string }) {
  const table = useComposite(editionId);
  const { modal, message } = App.useApp();
  const [returnReason, setReturnReason] = useState('');
  const [returnDocument, setReturnDocument] = useState('');
  const decide = useDecisionMutation(editionId, (body: Parameters<typeof recordListDecision>[1]) => recordListDecision(editionId, body));
  const proposed = useMemo(() => (table.data?.rows ?? []).filter((r) => r.state === 'proposed'), [table.data]);
  const initial = useCallback((r: CompositeRow) => r.proposedCategory ?? 'nomination', []);
  if (table.isPending) return <Card loading />;
  if (table.isError) return <QueryError error={table.error} onRetry={() => void table.refetch()} />;
  if (proposed.length === 0) return <Empty description="评审委员会全体会议形成建议拟获奖名单后，在这里审定" />;

  const returnList = () =>
    modal.confirm({
      title: '退回评审委员会重新审议',
      content: `${proposed.length} 项将退回评审委员会，退回理由：${returnReason}`,
      okText: '退回',
      cancelText: '取消',
      onOk: async () => {
        try {
          await decide.mutateAsync({ kind: 'leadership_approval', documentNumber: returnDocument.trim(), decidedOn: formatDisplayDate(new Date()), note: returnReason, items: proposed.map((r) => ({ applicationId: r.applicationId, outcome: 'returned', reason: returnReason })) });
          message.success('名单已退回评审委员会');
        } catch (err) {
          message.error(errorWithFields(err));
        }
      },
    });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon title="审定通过的名单即为拟获奖名单，由强市办向社会公示（第十六条、第十七条）。" />
      <ListDecisionForm
        title="领导小组审定"
        testId="leadership"
        rows={proposed}
        choices={CHOICES}
        initial={initial}
        documentLabel="审定文号"
        submitLabel="审定名单"
        confirm={(p) => `通过 ${Object.values(p).filter((v) => v !== 'not_selected').length} 项，不予通过 ${Object.values(p).filter((v) => v === 'not_selected').length} 项。`}
        onSubmit={(p, documentNumber, decidedOn) =>
          decide.mutateAsync({
            kind: 'leadership_approval',
            documentNumber,
            decidedOn,
            items: proposed.map((r) => (p[r.applicationId] === 'not_selected' ? { applicationId: r.applicationId, outcome: 'not_selected' } : { applicationId: r.applicationId, outcome: 'approved', category: p[r.applicationId] as 'award' | 'nomination' })),
          })
        }
      />
      <Card title="退回评审委员会" size="small">
        <Space.Compact style={{ width: '100%' }}>
          <Input style={{ maxWidth: 220 }} value={returnDocument} onChange={(e) => setReturnDocument(e.target.value)} maxLength={100} placeholder="必填：文号" aria-label="退回文号" />
          <Input value={returnReason} onChange={(e) => setReturnReason(e.target.value)} maxLength={2000} placeholder="必填：退回理由" data-testid="leadership-return-reason" />
          <Button danger disabled={!returnReason.trim() || !returnDocument.trim()} onClick={returnList} data-testid="leadership-return">
            整份名单退回重新审议
          </Button>
        </Space.Compact>
      </Card>
    </Space>
  );
}
