import { useState } from 'react';
import { Card, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { APPLICATION_STATES, STATE_LABELS } from '../../domain/lifecycle/states';
import { useMe } from '../api/client';
import type { ApplicationSummary } from '../api/types';
import { useApplicationList } from '../applications/api';
import { listPagination } from '../applications/pagination';
import { KIND_LABELS, stateColor } from '../applications/labels';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';

const columns: TableColumnsType<ApplicationSummary> = [
  { title: '申报名称', dataIndex: 'name', key: 'name', render: (name: string, a) => <Link to={`/applications/${a.id}`}>{name}</Link> },
  { title: '类型', dataIndex: 'kind', key: 'kind', width: 80, render: (k: string) => KIND_LABELS[k] ?? k },
  { title: '所在县区', dataIndex: 'countyName', key: 'countyName', width: 120, render: (v: string | null) => v ?? '—' },
  { title: '状态', key: 'state', width: 190, render: (_: unknown, a) => <Tag color={stateColor(a.state)}>{a.stateLabel}</Tag> },
  { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', width: 180, render: (v: string | null) => fmtTime(v) },
  { title: '届次', dataIndex: 'editionName', key: 'editionName' },
];

// Every state a reviewer can meet (drafts are the applicant's own), from the domain's table.
const FILTER_STATES = APPLICATION_STATES.filter((s) => s !== 'draft');

function titleFor(roles: readonly string[]): string {
  if (roles.includes('office')) return '申报审核（全部已提交申报）';
  if (roles.includes('county')) return '申报审核（本县区申报）';
  if (roles.includes('department')) return '申报审核（资格审查）';
  return '申报审核';
}

/** Applications the caller may handle: the server decides visibility by role. */
export default function ReviewListPage() {
  const me = useMe();
  const [state, setState] = useState<string | undefined>(undefined);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useApplicationList({ state, ...page });

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <Card
      title={titleFor(me.data?.user.roles ?? [])}
      extra={
        <Space>
          <span>状态</span>
          <Select
            aria-label="按状态筛选"
            allowClear
            placeholder="全部状态"
            style={{ width: 200 }}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={FILTER_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
          />
        </Space>
      }
    >
      <Table<ApplicationSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: '暂无申报' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          ...listPagination(list.data, page),
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          onChange: (p, ps) => setPage({ page: ps === page.pageSize ? p : 1, pageSize: ps }),
        }}
      />
    </Card>
  );
}
