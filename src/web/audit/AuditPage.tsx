import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { apiGet, qs } from '../api/client';
import type { AuditRecord, AuditVerifyResult } from '../../contract/system';
import { fmtTime } from '../shared/format';
import { errorMessage } from '../shared/formErrors';
import { QueryError } from '../shared/QueryError';
import { actionLabel, entityLabel } from './labels';

const PAGE = 50;

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', background: '#fafafa', padding: 8, fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

const columns: ColumnsType<AuditRecord> = [
  { title: '序号', dataIndex: 'seq', key: 'seq', width: 90 },
  { title: '时间', dataIndex: 'at', key: 'at', width: 180, render: (at: string) => fmtTime(at) },
  {
    title: '操作人',
    key: 'actor',
    width: 140,
    render: (_: unknown, r) => r.actorName || r.actorId || '系统',
  },
  {
    title: '操作',
    dataIndex: 'action',
    key: 'action',
    render: (a: string) => <span title={a}>{actionLabel(a)}</span>,
  },
  {
    title: '对象',
    key: 'entity',
    // Shown by name (resolved by the server); the id is in the tooltip, its first block stands in when the object is gone.
    render: (_: unknown, r) => (
      <span title={r.entityId ? `${r.entityType} ${r.entityId}` : r.entityType}>
        {entityLabel(r.entityType)}
        {r.entityName ? ` ${r.entityName}` : r.entityId ? ` ${r.entityId.slice(0, 8)}` : ''}
      </span>
    ),
  },
  {
    title: '请求号',
    dataIndex: 'requestId',
    key: 'requestId',
    width: 330,
    render: (id: string | null) =>
      id ? (
        <Typography.Text code copyable style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {id}
        </Typography.Text>
      ) : (
        '—'
      ),
  },
];

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return <Alert type="success" showIcon title={`审计链完整：已校验 ${result.checked} 条记录，未发现篡改。`} />;
  }
  const broken = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      title={`审计链校验未通过：已校验 ${result.checked} 条记录。`}
      description={broken ? `首个异常位于序号 ${broken.seq}：${broken.problem}` : undefined}
    />
  );
}

export default function AuditPage() {
  const audit = useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      apiGet<{ items: AuditRecord[] }>(`/api/audit${qs({ limit: PAGE, beforeSeq: pageParam })}`, signal),
    // Newest first; the next page holds records before the last one shown.
    getNextPageParam: (last) => (last.items.length < PAGE ? undefined : last.items[last.items.length - 1]?.seq),
  });
  const verify = useMutation({
    mutationFn: () => apiGet<AuditVerifyResult>('/api/audit/verify'),
  });

  if (audit.isError) return <QueryError error={audit.error} onRetry={() => void audit.refetch()} />;
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
          校验审计链
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {verify.data ? <VerifyResult result={verify.data} /> : null}
        {verify.isError ? <Alert type="error" showIcon title={errorMessage(verify.error)} role="alert" /> : null}
        <Table<AuditRecord>
          rowKey="seq"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={audit.isPending}
          locale={{ emptyText: '暂无审计记录' }}
          expandable={{
            expandedRowRender: (r) => (
              <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
                <div>
                  <Typography.Text strong>变更前</Typography.Text>
                  <Json value={r.before} />
                </div>
                <div>
                  <Typography.Text strong>变更后</Typography.Text>
                  <Json value={r.after} />
                </div>
              </div>
            ),
          }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `已加载 ${t} 条` }}
        />
        {audit.hasNextPage ? (
          <div style={{ textAlign: 'center' }}>
            <Button loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
              加载更早的记录
            </Button>
          </div>
        ) : null}
      </Space>
    </Card>
  );
}
