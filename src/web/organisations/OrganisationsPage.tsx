import { useState } from 'react';
import { App as AntApp, Button, Card, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../domain/roles';
import { apiPatch } from '../api/client';
import type { Organisation } from '../../contract/directory';
import { errorMessage } from '../shared/formErrors';
import { ORGANISATION_KIND_LABELS } from '../shared/labels';
import { QueryError } from '../shared/QueryError';
import { ORGANISATIONS_KEY, useOrganisations } from './api';
import { OrganisationFormModal } from './OrganisationFormModal';

type KindFilter = OrganisationKind | 'all';

/** What disabling leaves behind, from the server's count of applications still in progress. */
function disableWarning(o: Organisation): string {
  const base = o.kind === 'county' ? '停用后，新申报不能再选择该县区。' : '停用后，该机构不再出现在可选列表中。';
  if (o.pendingApplications === 0) return `${base}该机构没有在办的申报。`;
  return `${base}该机构尚有 ${o.pendingApplications} 件在办申报（未办结），停用不会转移或终止这些申报，仍需有人继续办理。`;
}

export default function OrganisationsPage() {
  const [kind, setKind] = useState<KindFilter>('all');
  const orgs = useOrganisations(kind === 'all' ? null : kind);
  const [modal, setModal] = useState<{ open: boolean; editing: Organisation | null }>({ open: false, editing: null });
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();

  const toggle = useMutation({
    mutationFn: (o: Organisation) =>
      apiPatch<Organisation>(`/api/organisations/${encodeURIComponent(o.id)}`, { active: !o.active }),
    onSuccess: (_res, o) => {
      message.success(o.active ? `已停用：${o.name}` : `已启用：${o.name}`);
      void queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const columns: ColumnsType<Organisation> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    {
      title: '类型',
      dataIndex: 'kind',
      key: 'kind',
      width: 130,
      render: (k: OrganisationKind) => ORGANISATION_KIND_LABELS[k] ?? k,
    },
    { title: '代码', dataIndex: 'code', key: 'code', width: 200, render: (c: string | null) => c || '—' },
    {
      title: '状态',
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_: unknown, o) =>
        o.abilities.update.allowed ? (
          <Space>
            <Button size="small" onClick={() => setModal({ open: true, editing: o })}>
              编辑
            </Button>
            {o.active ? (
              <Popconfirm
                title={`确定停用“${o.name}”？`}
                description={disableWarning(o)}
                okText="停用"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => toggle.mutate(o)}
              >
                <Button size="small" danger loading={toggle.isPending && toggle.variables?.id === o.id}>
                  停用
                </Button>
              </Popconfirm>
            ) : (
              <Button size="small" loading={toggle.isPending && toggle.variables?.id === o.id} onClick={() => toggle.mutate(o)}>
                启用
              </Button>
            )}
          </Space>
        ) : null,
    },
  ];

  if (orgs.isError) return <QueryError error={orgs.error} onRetry={() => void orgs.refetch()} />;

  return (
    <Card
      title="组织机构"
      extra={
        orgs.data?.abilities?.create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })}>
            新建组织机构
          </Button>
        ) : null
      }
    >
      <Segmented<KindFilter>
        aria-label="筛选机构"
        style={{ marginBottom: 16 }}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'all', label: '全部' },
          ...ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] })),
        ]}
      />
      <Table<Organisation>
        rowKey="id"
        columns={columns}
        dataSource={orgs.data?.items ?? []}
        loading={orgs.isPending}
        locale={{ emptyText: '暂无组织机构' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
      />
      <OrganisationFormModal
        open={modal.open}
        editing={modal.editing}
        defaultKind={kind === 'all' ? null : kind}
        onClose={() => setModal({ open: false, editing: null })}
      />
    </Card>
  );
}
