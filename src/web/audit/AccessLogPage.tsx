import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { DownloadOutlined, FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import { apiGet, qs } from '../api/client';
import { ACCESS_KIND_LABELS, type AccessLog, type AccessLogApplication, type AccessLogApplicationList, type AccessLogEntry } from '../../contract/audit';
import { ROLE_LABELS, type Role } from '../../domain/roles';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';

interface Filters {
  reader?: string;
  from?: string;
  to?: string;
}

const columns: ColumnsType<AccessLogEntry> = [
  { title: '时间', dataIndex: 'at', key: 'at', width: 180, render: (at: string) => fmtTime(at) },
  {
    title: '查阅人',
    key: 'reader',
    width: 200,
    render: (_: unknown, r) => (
      <span>
        {r.reader}
        {r.readerUsername ? <Typography.Text type="secondary">（{r.readerUsername}）</Typography.Text> : null}
      </span>
    ),
  },
  { title: '角色', key: 'roles', width: 200, render: (_: unknown, r) => r.readerRoles.map((role) => <Tag key={role}>{ROLE_LABELS[role as Role] ?? role}</Tag>) },
  { title: '方式', dataIndex: 'kind', key: 'kind', width: 150, render: (k: AccessLogEntry['kind']) => <Tag color={k === 'download' ? 'blue' : 'default'}>{ACCESS_KIND_LABELS[k]}</Tag> },
  { title: '材料', dataIndex: 'fileName', key: 'fileName', render: (name: string | null) => name ?? <Typography.Text type="secondary">（申报材料页面）</Typography.Text> },
];

/** Chooses an application by name (searched on the server). */
function ApplicationPicker({ value, selected, onChange }: { value: string | null; selected?: AccessLogApplication; onChange: (id: string | null) => void }) {
  const [search, setSearch] = useState('');
  const options = useQuery({
    queryKey: ['access-log', 'applications', search],
    queryFn: ({ signal }) => apiGet<AccessLogApplicationList>(`/api/access-log/applications${qs({ q: search.trim(), limit: 30 })}`, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      allowClear
      value={value ?? undefined}
      onChange={(id) => onChange(id ?? null)}
      placeholder="输入申报单位或个人名称搜索"
      style={{ width: 420 }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={options.isFetching}
      notFoundContent={options.isPending ? '加载中…' : '没有匹配的申报'}
      // The chosen one stays labelled when a search no longer lists it (or it came from a link).
      options={[...(options.data?.items ?? []), ...(selected && !options.data?.items.some((a) => a.id === selected.id) ? [selected] : [])].map((a) => ({
        value: a.id,
        label: `${a.name}（${a.editionName}，${a.state}）`,
      }))}
      data-testid="access-log-application"
    />
  );
}

/** The access log (SPEC §7): who viewed or downloaded which materials of one application, and when. */
export default function AccessLogPage() {
  // `?applicationId=` opens one straight away (the link on an application's read log).
  const [params, setParams] = useSearchParams();
  const applicationId = params.get('applicationId');
  const setApplicationId = (id: string | null) => setParams(id ? { applicationId: id } : {}, { replace: true });
  const [filters, setFilters] = useState<Filters>({});
  const query = qs({ applicationId, ...filters });
  const log = useQuery({
    queryKey: ['access-log', applicationId, filters],
    queryFn: ({ signal }) => apiGet<AccessLog>(`/api/access-log${query}`, signal),
    enabled: applicationId !== null,
  });
  const onFilter = (v: { reader?: string; range?: [Dayjs | null, Dayjs | null] | null }) =>
    setFilters({ reader: v.reader?.trim() || undefined, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') });

  return (
    <Card
      title="材料查阅记录"
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={applicationId ? `/api/access-log/export.xlsx${query}` : undefined}
          download
          disabled={!applicationId || !log.data?.items.length}
          title={!applicationId ? '请先选择申报' : !log.data?.items.length ? '没有查阅记录' : '按当前筛选导出'}
          data-testid="access-log-export"
        >
          导出 Excel
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          记录每一次下载申报材料和专家查看申报材料页面的人员和时间，用于核查申报单位商业秘密的知悉范围。
        </Typography.Paragraph>
        <Space wrap>
          <span>申报：</span>
          <ApplicationPicker value={applicationId} selected={log.data?.application} onChange={setApplicationId} />
        </Space>
        <Form layout="inline" onFinish={onFilter} style={{ rowGap: 12 }}>
          <Form.Item name="reader" label="查阅人">
            <Input allowClear placeholder="用户名或姓名" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker allowEmpty={[true, true]} format="YYYY-MM-DD" placeholder={['开始日期', '结束日期']} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<FilterOutlined />}>
              筛选
            </Button>
          </Form.Item>
        </Form>
        {!applicationId ? (
          <Empty description="请选择一个申报，查看其材料的查阅记录" />
        ) : log.isError ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <>
            {log.data?.truncated ? <Alert type="warning" showIcon title="记录较多，仅显示最新的部分，请缩小时间范围。" /> : null}
            <Table<AccessLogEntry>
              rowKey={(r) => `${r.at}-${r.kind}-${r.fileId ?? ''}-${r.readerId ?? ''}`}
              size="small"
              columns={columns}
              dataSource={log.data?.items ?? []}
              loading={log.isPending}
              locale={{ emptyText: Object.values(filters).some(Boolean) ? '没有符合筛选条件的查阅记录' : '该申报的材料尚无人查阅' }}
              pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
