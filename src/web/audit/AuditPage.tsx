import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { apiGet, qs } from '../api/client';
import { AUDIT_EXPORT_CAP } from '../../contract/audit';
import type { AuditRecord, AuditVerifyResult } from '../../contract/system';
import { fmtTime } from '../shared/format';
import { errorMessage } from '../shared/formErrors';
import { QueryError } from '../shared/QueryError';
import { AuditDiff } from './AuditDiff';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';
import { actionLabel, entityLabel } from './labels';

const PAGE = 50;

/** The object by its name (resolved by the server); the id in the tooltip, its first block when the object is gone. */
function objectName(r: AuditRecord): string {
  if (r.entityName) return r.entityName;
  if (r.entityType === 'login') return r.entityId; // an unknown username: the id is the name typed
  return r.entityId ? r.entityId.slice(0, 8) : '';
}

const columns: ColumnsType<AuditRecord> = [
  { title: '序号', dataIndex: 'seq', key: 'seq', width: 80 },
  { title: '时间', dataIndex: 'at', key: 'at', width: 170, render: (at: string) => fmtTime(at) },
  {
    title: '操作人',
    key: 'actor',
    width: 150,
    render: (_: unknown, r) => (r.actorId ? <span title={r.actorUsername ?? r.actorId}>{r.actorName ?? '（已删除的账号）'}</span> : '系统'),
  },
  { title: '操作', dataIndex: 'action', key: 'action', render: (a: string) => <span title={a}>{actionLabel(a)}</span> },
  {
    title: '对象',
    key: 'entity',
    render: (_: unknown, r) => (
      <span title={`${r.entityType} ${r.entityId}`}>
        <Typography.Text type="secondary">{entityLabel(r.entityType)}</Typography.Text> {objectName(r)}
      </span>
    ),
  },
  {
    title: '请求号',
    dataIndex: 'requestId',
    key: 'requestId',
    width: 120,
    render: (id: string | null) =>
      id ? (
        <Typography.Text code copyable={{ text: id }} style={{ fontSize: 12 }} title={id}>
          {id.slice(0, 8)}
        </Typography.Text>
      ) : (
        '—'
      ),
  },
];

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return <Alert type="success" showIcon title={`审计链完整：已校验 ${result.checked} 条记录，未发现篡改。`} data-testid="verify-result" />;
  }
  const broken = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="verify-result"
      title={`审计链校验未通过：前 ${result.checked} 条记录完好。`}
      description={
        broken ? (
          <span>
            首个异常：序号 <Typography.Text strong>{broken.seq}</Typography.Text>
            {broken.at ? `，时间 ${fmtTime(broken.at)}` : '（该记录已不存在）'}；问题：{broken.problem}。
          </span>
        ) : undefined
      }
    />
  );
}

export default function AuditPage() {
  const [filter, setFilter] = useState<AuditFilterValues>({});
  const audit = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) => apiGet<{ items: AuditRecord[] }>(`/api/audit${qs({ limit: PAGE, beforeSeq: pageParam, ...filter })}`, signal),
    // Newest first; the next page holds records before the last one shown.
    getNextPageParam: (last) => (last.items.length < PAGE ? undefined : last.items[last.items.length - 1]?.seq),
  });
  const verify = useMutation({ mutationFn: () => apiGet<AuditVerifyResult>('/api/audit/verify') });
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filter).some(Boolean);

  return (
    <Card
      title="审计日志"
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/audit/export.xlsx${qs({ ...filter })}`}
            download
            disabled={!audit.isPending && rows.length === 0}
            title={rows.length === 0 ? '没有符合条件的记录' : `按当前筛选导出，最多 ${AUDIT_EXPORT_CAP} 条`}
            data-testid="audit-export"
          >
            导出 Excel
          </Button>
          <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            校验审计链
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {verify.data ? <VerifyResult result={verify.data} /> : null}
        {verify.isError ? <Alert type="error" showIcon title={errorMessage(verify.error)} role="alert" /> : null}
        <AuditFilters onChange={setFilter} />
        {audit.isError ? (
          <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditRecord>
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={audit.isPending}
            locale={{ emptyText: filtered ? '没有符合筛选条件的记录' : '暂无审计记录' }}
            expandable={{ expandedRowRender: (r) => <AuditDiff before={r.before} after={r.after} /> }}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `已加载 ${t} 条` }}
          />
        )}
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
