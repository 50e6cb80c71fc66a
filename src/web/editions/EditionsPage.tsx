import { useState } from 'react';
import { Button, Card, Pagination, Table, Tag } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { Edition } from '../../contract/editions';
import { fmtDate } from '../shared/format';
import { EDITION_STATUS_COLORS, EDITION_STATUS_LABELS, editionNumberLabel } from '../shared/labels';
import { QueryError } from '../shared/QueryError';
import { useEditions } from './api';
import { EditionCreateModal } from './EditionCreateModal';

const columns: ColumnsType<Edition> = [
  { title: '届次', dataIndex: 'number', key: 'number', render: (n: number) => editionNumberLabel(n), width: 100 },
  { title: '年度', dataIndex: 'year', key: 'year', width: 90 },
  {
    title: '名称',
    dataIndex: 'name',
    key: 'name',
    render: (name: string, e) => <Link to={`/editions/${e.id}`}>{name}</Link>,
  },
  { title: '规则', dataIndex: 'profileName', key: 'profileName' },
  {
    title: '状态',
    dataIndex: 'status',
    key: 'status',
    width: 100,
    render: (s: Edition['status']) => <Tag color={EDITION_STATUS_COLORS[s]}>{EDITION_STATUS_LABELS[s] ?? s}</Tag>,
  },
  {
    title: '申报截止',
    key: 'applicationDeadline',
    width: 130,
    render: (_: unknown, e) => fmtDate(e.schedule?.applicationDeadline),
  },
];

export default function EditionsPage() {
  const editions = useEditions();
  const [creating, setCreating] = useState(false);
  const [page, setPage] = useState({ current: 1, pageSize: 10 });

  if (editions.isError) return <QueryError error={editions.error} onRetry={() => void editions.refetch()} />;
  const items = editions.data?.items ?? [];
  const start = (page.current - 1) * page.pageSize;

  return (
    <Card
      title="届次管理"
      extra={
        editions.data?.abilities?.create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建届次
          </Button>
        ) : null
      }
    >
      <Table<Edition>
        rowKey="id"
        columns={columns}
        dataSource={items.slice(start, start + page.pageSize)}
        loading={editions.isPending}
        locale={{ emptyText: '暂无届次' }}
        pagination={false}
      />
      {/* A separate Pagination so the page-size changer (条/页) shows even with no editions yet. */}
      <Pagination
        style={{ marginTop: 16 }}
        align="end"
        current={page.current}
        pageSize={page.pageSize}
        total={items.length}
        showSizeChanger
        pageSizeOptions={[10, 20, 50]}
        showTotal={(total) => `共 ${total} 条`}
        onChange={(current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize })}
      />
      <EditionCreateModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
