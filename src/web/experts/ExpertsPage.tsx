import { useMemo, useState } from 'react';
import { Button, Card, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Expert } from '../../contract/technical';
import { useIndustries } from '../applications/api';
import { QueryError } from '../shared/QueryError';
import { useExperts } from '../technical/api';
import { AccountModal } from './AccountModal';
import { ExpertFormDrawer } from './ExpertFormDrawer';
import { industryNames } from './industryOptions';
import { PoolImportModal } from './PoolImportModal';

function matches(e: Expert, needle: string, names: Map<string, string>): boolean {
  const hay = [e.name, e.unit, e.title, e.countyName ?? '', e.username ?? '', ...e.industries.map((c) => names.get(c) ?? c)].join(' ').toLowerCase();
  return hay.includes(needle);
}

/** The agency's expert pool (Art. 8): the table, the form, accounts, the Excel template, import and export. */
export default function ExpertsPage() {
  const experts = useExperts();
  const industries = useIndustries();
  const names = useMemo(() => industryNames(industries.data), [industries.data]);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ expert: Expert | null } | null>(null);
  const [accountFor, setAccountFor] = useState<Expert | null>(null);
  const [importing, setImporting] = useState(false);

  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const items = experts.data?.items ?? [];
    return needle ? items.filter((e) => matches(e, needle, names)) : items;
  }, [experts.data, search, names]);

  if (experts.isError) return <QueryError error={experts.error} onRetry={() => void experts.refetch()} />;
  const total = experts.data?.items.length ?? 0;
  const available = experts.data?.items.filter((e) => e.available).length ?? 0;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        专家库
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        共 {total} 位专家，其中 {available} 位可参加评审。回避规则按专家的工作单位、曾任职单位、亲属任职单位、顾问或持股单位和所在县区自动判断。
      </Typography.Paragraph>
      <Card>
        <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
          <Input.Search allowClear placeholder="按姓名、单位、职称、行业、县区搜索" style={{ width: 320 }} onChange={(e) => setSearch(e.target.value)} aria-label="搜索专家" />
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ expert: null })} data-testid="expert-add">
              新增专家
            </Button>
            <Button icon={<DownloadOutlined />} href="/api/experts/template.xlsx" download>
              下载导入模板
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="pool-import">
              导入
            </Button>
            <Button icon={<DownloadOutlined />} href="/api/experts/export.xlsx" download disabled={total === 0} title={total === 0 ? '专家库为空' : undefined}>
              导出
            </Button>
          </Space>
        </Space>
        <Table<Expert>
          rowKey="id"
          size="middle"
          loading={experts.isPending}
          dataSource={rows}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 位`, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          data-testid="experts-table"
          onRow={(e) => ({ 'data-testid': `expert-row-${e.name}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: search ? '没有符合条件的专家' : '专家库还没有专家：可逐个新增，或下载模板填写后导入' }}
          columns={[
            { title: '姓名', dataIndex: 'name', fixed: 'left', width: 100, sorter: (a, b) => a.name.localeCompare(b.name, 'zh') },
            { title: '工作单位', dataIndex: 'unit', width: 200 },
            { title: '职称', dataIndex: 'title', width: 120 },
            {
              title: '专业领域',
              dataIndex: 'industries',
              render: (codes: string[]) => (
                <Space size={[0, 4]} wrap>
                  {codes.map((c) => (
                    <Tooltip key={c} title={names.get(c)}>
                      <Tag>{names.get(c) ?? c}</Tag>
                    </Tooltip>
                  ))}
                </Space>
              ),
            },
            { title: '县区', dataIndex: 'countyName', width: 100, render: (v: string | null) => v ?? '—' },
            {
              title: '状态',
              dataIndex: 'available',
              width: 90,
              filters: [
                { text: '可用', value: true },
                { text: '暂停', value: false },
              ],
              onFilter: (v, e) => e.available === v,
              render: (v: boolean) => (v ? <Tag color="green">可用</Tag> : <Tag>暂停</Tag>),
            },
            { title: '最大评审量', dataIndex: 'maxLoad', width: 100, align: 'right', sorter: (a, b) => a.maxLoad - b.maxLoad },
            {
              title: '账号',
              dataIndex: 'username',
              width: 130,
              render: (v: string | null, e) =>
                v ? (
                  <Typography.Text code>{v}</Typography.Text>
                ) : (
                  <Button size="small" onClick={() => setAccountFor(e)}>
                    开通账号
                  </Button>
                ),
            },
            {
              title: '操作',
              key: 'actions',
              fixed: 'right',
              width: 80,
              render: (_, e) => (
                <Button type="link" size="small" onClick={() => setEditing({ expert: e })}>
                  编辑
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <ExpertFormDrawer open={editing !== null} expert={editing?.expert ?? null} onClose={() => setEditing(null)} />
      <AccountModal expert={accountFor} onClose={() => setAccountFor(null)} />
      <PoolImportModal open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
