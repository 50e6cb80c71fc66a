import { useState } from 'react';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_KIND_LABELS, CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus, type CaseSummary } from '../../contract/supervision';
import { useEditions } from '../editions/api';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';
import { useCases } from './api';
import { NewCaseModal } from './NewCaseModal';
import { STATUS_COLOURS } from './labels';

/** Supervision cases (Art. 24–29): revocations and reports against applicants, experts and staff, with filters and a new case. */
export default function SupervisionPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const editionId = params.get('edition') ?? undefined;
  const status = (CASE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as CaseStatus) : undefined;
  const [creating, setCreating] = useState(false);
  const editions = useEditions();
  const cases = useCases({ editionId, status });

  const setFilter = (key: 'edition' | 'status', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const editionOptions = (editions.data?.items ?? []).filter((e) => e.status !== 'draft').map((e) => ({ value: e.id, label: e.name }));
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        监督与撤销
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        对获奖者撤销奖项（第二十八条、第二十九条），对参评单位和个人（第二十五条）、评审专家和工作人员（第二十六条）的违规举报进行调查处理。每一步由相应机构办理并留痕。
      </Typography.Paragraph>
      <Card>
        <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Select
              allowClear
              placeholder="全部届次"
              style={{ width: 240 }}
              loading={editions.isPending}
              value={editionId}
              options={editionOptions}
              onChange={(v) => setFilter('edition', v)}
              aria-label="按届次筛选"
            />
            <Select
              allowClear
              placeholder="全部状态"
              style={{ width: 160 }}
              value={status}
              options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
              onChange={(v) => setFilter('status', v)}
              aria-label="按状态筛选"
            />
          </Space>
          {cases.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-new">
              新建案件
            </Button>
          ) : null}
        </Space>
        {cases.isError ? (
          <QueryError error={cases.error} onRetry={() => void cases.refetch()} />
        ) : (
          <Table<CaseSummary>
            rowKey="id"
            loading={cases.isPending}
            dataSource={cases.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: editionId || status ? '没有符合条件的案件' : '暂无案件' }}
            scroll={{ x: 900 }}
            data-testid="case-list"
            columns={[
              { title: '案件编号', dataIndex: 'reference', width: 150, render: (ref: string, c) => <Link to={`/supervision/${c.id}`} style={{ whiteSpace: 'nowrap' }}>{ref}</Link> },
              { title: '类型', dataIndex: 'kind', render: (k: CaseSummary['kind']) => CASE_KIND_LABELS[k] },
              {
                title: '对象',
                dataIndex: 'subjectName',
                render: (name: string, c) => (
                  <Space direction="vertical" size={0}>
                    <span>{name}</span>
                    <Typography.Text type="secondary">{c.editionName}</Typography.Text>
                  </Space>
                ),
              },
              { title: '状态', dataIndex: 'status', width: 130, render: (s: CaseStatus) => <Tag color={STATUS_COLOURS[s]}>{CASE_STATUS_LABELS[s]}</Tag> },
              { title: '处理结果', dataIndex: 'outcome', width: 170, render: (o: CaseSummary['outcome']) => (o ? CASE_OUTCOME_LABELS[o] : <Typography.Text type="secondary">—</Typography.Text>) },
              { title: '立案时间', dataIndex: 'openedAt', width: 180, render: (t: string) => fmtTime(t) },
            ]}
            onRow={(c) => ({ onDoubleClick: () => navigate(`/supervision/${c.id}`) })}
          />
        )}
      </Card>
      {creating ? (
        <NewCaseModal
          editionOptions={editionOptions}
          defaultEditionId={editionId ?? (editionOptions.length === 1 ? editionOptions[0].value : undefined)}
          onClose={() => setCreating(false)}
          onOpened={(id) => {
            setCreating(false);
            navigate(`/supervision/${id}`);
          }}
        />
      ) : null}
    </div>
  );
}
