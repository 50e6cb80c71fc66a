import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ApplicationSummary } from '../../contract/applications';
import type { ConflictList } from '../../contract/technical';
import { apiGet, apiPost, qs } from '../api/client';
import { ReasonModal } from '../review/ReasonModal';
import { applyFieldErrors, formProblem } from '../shared/formErrors';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';
import { editionBase, useConflicts, useExperts, useTechnicalMutation } from './api';

type Conflict = ConflictList['items'][number];

/** The detected and declared conflicts (SPEC §9): dismiss a false positive with a reason, register one by hand. */
export function ConflictsTab({ editionId }: { editionId: string }) {
  const conflicts = useConflicts(editionId, true);
  const { message } = App.useApp();
  const [dismissing, setDismissing] = useState<Conflict | null>(null);
  const [declaring, setDeclaring] = useState(false);
  const [search, setSearch] = useState('');
  const dismiss = useTechnicalMutation(editionId, (body: { expertId: string; applicationId: string; rule: Conflict['rule']; reason: string }) => apiPost(`${editionBase(editionId)}/conflicts/dismiss`, body));

  const rows = useMemo(() => {
    const needle = search.trim();
    const items = conflicts.data?.items ?? [];
    return needle ? items.filter((c) => `${c.expertName} ${c.applicationName} ${c.ruleLabel}`.includes(needle)) : items;
  }, [conflicts.data, search]);

  if (conflicts.isError) return <QueryError error={conflicts.error} onRetry={() => void conflicts.refetch()} />;
  const active = (conflicts.data?.items ?? []).filter((c) => !c.dismissed).length;

  return (
    <Card>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Input.Search allowClear placeholder="按专家、申报或规则搜索" style={{ width: 280 }} onChange={(e) => setSearch(e.target.value)} aria-label="搜索利益冲突" />
          <Typography.Text type="secondary">有效回避 {active} 项；存在回避关系的专家不会被分配到对应申报。</Typography.Text>
        </Space>
        <Button onClick={() => setDeclaring(true)} data-testid="conflict-declare">
          登记回避
        </Button>
      </Space>
      {conflicts.data?.truncated ? <Alert type="warning" showIcon title="利益冲突过多，仅显示前一部分；请用搜索缩小范围" style={{ marginBottom: 12 }} /> : null}
      <Table<Conflict>
        rowKey={(c) => `${c.expertId}:${c.applicationId}:${c.rule}`}
        size="middle"
        loading={conflicts.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 项` }}
        data-testid="conflicts-table"
        locale={{ emptyText: '未发现利益冲突' }}
        rowClassName={(c) => (c.dismissed ? 'conflict-dismissed' : '')}
        columns={[
          { title: '专家', dataIndex: 'expertName', width: 110 },
          { title: '申报', dataIndex: 'applicationName', width: 200 },
          { title: '规则', dataIndex: 'ruleLabel', width: 140, render: (v: string, c) => <Tag color={c.dismissed ? 'default' : 'red'}>{v}</Tag> },
          { title: '说明', dataIndex: 'explanation' },
          {
            title: '状态',
            key: 'state',
            width: 200,
            render: (_, c) =>
              c.dismissed ? (
                <Tooltip title={`${c.dismissed.by} 于 ${fmtTime(c.dismissed.at)} 排除`}>
                  <Typography.Text type="secondary">已排除：{c.dismissed.reason}</Typography.Text>
                </Tooltip>
              ) : (
                <Tag color="red">回避</Tag>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 110,
            render: (_, c) =>
              c.dismissed ? null : (
                <Button size="small" onClick={() => setDismissing(c)}>
                  排除误判
                </Button>
              ),
          },
        ]}
      />
      <ReasonModal
        open={dismissing !== null}
        title={dismissing ? `排除误判：${dismissing.expertName} — ${dismissing.applicationName}` : '排除误判'}
        reasonLabel="排除理由"
        okText="排除"
        warning="排除后该专家可被分配到此申报。操作将记入审计日志。"
        onClose={() => setDismissing(null)}
        onSubmit={async ({ reason }) => {
          if (!dismissing) return;
          await dismiss.mutateAsync({ expertId: dismissing.expertId, applicationId: dismissing.applicationId, rule: dismissing.rule, reason });
          message.success('已排除该项利益冲突');
        }}
      />
      <DeclareModal editionId={editionId} open={declaring} onClose={() => setDeclaring(false)} />
    </Card>
  );
}

function DeclareModal({ editionId, open, onClose }: { editionId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ expertId: string; applicationId: string; reason: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const experts = useExperts(open);
  const applications = useQuery({
    queryKey: ['technical', editionId, 'applications'],
    queryFn: ({ signal }) => apiGet<{ items: ApplicationSummary[] }>(`/api/applications${qs({ editionId, pageSize: 200 })}`, signal),
    enabled: open,
  });
  const declare = useTechnicalMutation(editionId, (body: { expertId: string; applicationId: string; reason: string }) => apiPost(`${editionBase(editionId)}/conflicts`, body));

  useEffect(() => {
    if (open) {
      form.resetFields();
      setProblem(null);
    }
  }, [open, form]);

  const ok = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setProblem(null);
    try {
      await declare.mutateAsync({ ...values, reason: values.reason.trim() });
      message.success('已登记回避');
      onClose();
    } catch (err) {
      const unmatched = applyFieldErrors(form, err, ['expertId', 'applicationId', 'reason']);
      setProblem(formProblem(err, unmatched));
    }
  };

  return (
    <Modal title="登记回避" open={open} okText="登记" cancelText="取消" confirmLoading={declare.isPending} onOk={ok} onCancel={onClose} forceRender>
      <Typography.Paragraph type="secondary">专家声明或机构掌握的利益关系：登记后该专家不会被分配到此申报。</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} name="declareConflict" layout="vertical">
        <Form.Item label="专家" name="expertId" rules={[{ required: true, message: '请选择专家' }]}>
          <Select showSearch optionFilterProp="label" loading={experts.isPending} placeholder="搜索姓名或单位" options={(experts.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.unit}）` }))} />
        </Form.Item>
        <Form.Item label="申报" name="applicationId" rules={[{ required: true, message: '请选择申报' }]}>
          <Select showSearch optionFilterProp="label" loading={applications.isPending} placeholder="搜索申报名称" options={(applications.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.stateLabel}）` }))} />
        </Form.Item>
        <Form.Item label="回避理由" name="reason" rules={[{ required: true, whitespace: true, message: '请填写回避理由' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
