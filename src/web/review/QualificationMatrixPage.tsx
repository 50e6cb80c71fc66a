import { Card, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { apiGet } from '../api/client';
import type { ReviewStatus } from '../api/types';
import { KIND_LABELS, REVIEW_STATUS_COLORS, REVIEW_STATUS_LABELS } from '../applications/labels';
import { QueryError } from '../shared/QueryError';
import { ExportButtons } from './ExportButtons';

interface MatrixRow {
  applicationId: string;
  name: string;
  kind: string;
  state: string;
  stateLabel?: string;
  dueOn?: string;
  cells: Record<string, ReviewStatus>;
}
interface Matrix {
  departments: Array<{ id: string; name: string }>;
  rows: MatrixRow[];
}

/** 资格审查矩阵: applications × departments, each cell a coloured status tag. */
export default function QualificationMatrixPage() {
  const { id = '' } = useParams();
  const matrix = useQuery({
    queryKey: ['editions', id, 'qualification-matrix'],
    queryFn: ({ signal }) => apiGet<Matrix>(`/api/editions/${encodeURIComponent(id)}/qualification-matrix`, signal),
  });
  if (matrix.isError) return <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} />;
  const departments = matrix.data?.departments ?? [];
  const columns: TableColumnsType<MatrixRow> = [
    {
      title: '申报名称',
      key: 'name',
      fixed: 'left',
      width: 200,
      render: (_: unknown, r) => <Link to={`/applications/${r.applicationId}`}>{r.name}</Link>,
    },
    { title: '类型', key: 'kind', width: 70, render: (_: unknown, r) => KIND_LABELS[r.kind] ?? r.kind },
    { title: '状态', key: 'state', width: 130, render: (_: unknown, r) => r.stateLabel ?? r.state },
    ...departments.map((d) => ({
      title: d.name,
      key: d.id,
      width: 100,
      align: 'center' as const,
      render: (_: unknown, r: MatrixRow) => {
        const s = r.cells[d.id];
        return s ? <Tag color={REVIEW_STATUS_COLORS[s]}>{REVIEW_STATUS_LABELS[s] ?? s}</Tag> : '—';
      },
    })),
  ];
  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <Link to={`/editions/${id}`}>
          <ArrowLeftOutlined /> 返回届次详情
        </Link>
      </Space>
      <Card title="资格审查矩阵" extra={<ExportButtons editionId={id} />}>
        <Table<MatrixRow>
          rowKey="applicationId"
          size="small"
          bordered
          loading={matrix.isPending}
          columns={columns}
          dataSource={matrix.data?.rows ?? []}
          scroll={{ x: 400 + departments.length * 100 }}
          locale={{ emptyText: '尚无进入资格审查的申报' }}
          pagination={{ pageSize: 50, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
        />
      </Card>
    </div>
  );
}
