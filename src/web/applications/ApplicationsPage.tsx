import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { apiPost } from '../api/client';
import type { Application, ApplicationSummary } from '../api/types';
import { fmtDate, fmtTime } from '../shared/format';
import { errorMessage } from '../shared/formErrors';
import { QueryError } from '../shared/QueryError';
import { APPLICATIONS_KEY, applicationKey, useApplicationList, useCurrentEdition } from './api';
import { listPagination } from './pagination';
import { stateColor } from './labels';

const columns: TableColumnsType<ApplicationSummary> = [
  { title: '申报名称', dataIndex: 'name', key: 'name', render: (name: string, a) => <Link to={`/applications/${a.id}`}>{name}</Link> },
  { title: '届次', dataIndex: 'editionName', key: 'editionName' },
  { title: '状态', key: 'state', width: 180, render: (_: unknown, a) => <Tag color={stateColor(a.state)}>{a.stateLabel}</Tag> },
  { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', width: 180, render: (v: string | null) => fmtTime(v) },
];

/** The applicant's own applications, and the button that starts one in the open edition. */
export default function ApplicationsPage() {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useApplicationList(page);
  const edition = useCurrentEdition();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [problem, setProblem] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: () => apiPost<Application>('/api/applications'),
    onSuccess: (app) => {
      queryClient.setQueryData(applicationKey(app.id), app);
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      message.success('已创建申报草稿，填写内容会自动保存');
      navigate(`/applications/${app.id}`);
    },
    // 409 application_exists, 422 no_open_edition / deadline_passed: the server's message says why.
    onError: (err) => setProblem(errorMessage(err)),
  });

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  const open = edition.data;

  return (
    <Card
      title="我的申报"
      extra={
        <Button type="primary" icon={<FormOutlined />} loading={start.isPending} onClick={() => { setProblem(null); start.mutate(); }}>
          开始申报
        </Button>
      }
    >
      {open ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${open.name} 正在受理申报，截止日期 ${fmtDate(open.applicationDeadline)}`}
        />
      ) : null}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} closable={{ onClose: () => setProblem(null) }} /> : null}
      <Table<ApplicationSummary>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={list.isPending}
        locale={{ emptyText: <Empty description="还没有申报，点击右上角“开始申报”填写申报材料" /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          ...listPagination(list.data, page),
          onChange: (p, ps) => setPage({ page: ps === page.pageSize ? p : 1, pageSize: ps }),
          hideOnSinglePage: true,
        }}
      />
    </Card>
  );
}
