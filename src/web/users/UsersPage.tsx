import { useState } from 'react';
import { App as AntApp, Button, Card, Input, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch, apiPost } from '../api/client';
import type { UserRecord } from '../../contract/directory';
import { fmtTime } from '../shared/format';
import { errorMessage } from '../shared/formErrors';
import { roleLabel } from '../shared/labels';
import { QueryError } from '../shared/QueryError';
import { USERS_KEY, useUsers } from './api';
import { UserCreateModal } from './UserCreateModal';

/** Whether the user's username, name or organisation contains the typed text (case-insensitive). */
function matches(u: UserRecord, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || [u.username, u.displayName, u.organisationName ?? ''].some((field) => field.toLowerCase().includes(q));
}

function isLocked(u: UserRecord): boolean {
  return !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
}

export default function UsersPage() {
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState('');
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();

  const toggle = useMutation({
    mutationFn: (u: UserRecord) => apiPatch<UserRecord>(`/api/users/${encodeURIComponent(u.id)}`, { active: !u.active }),
    onSuccess: (_res, u) => {
      message.success(u.active ? `已停用：${u.displayName}` : `已启用：${u.displayName}`);
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const unlock = useMutation({
    mutationFn: (u: UserRecord) => apiPost<UserRecord>(`/api/users/${encodeURIComponent(u.id)}/unlock`),
    onSuccess: (_res, u) => {
      message.success(`已解除锁定：${u.displayName}`);
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const columns: ColumnsType<UserRecord> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    {
      title: '角色',
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: string[]) =>
        roles.map((r) => (
          <Tag key={r} color="blue">
            {roleLabel(r)}
          </Tag>
        )),
    },
    { title: '所属机构', dataIndex: 'organisationName', key: 'organisationName', render: (n: string | null) => n || '—' },
    {
      title: '状态',
      key: 'status',
      width: 170,
      render: (_: unknown, u) => (
        <>
          {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
          {isLocked(u) ? <Tag color="orange" title={`登录失败次数过多，须等待至 ${fmtTime(u.lockedUntil)}`}>登录延迟中</Tag> : null}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      // Per-user abilities from the server: separation of duties decides who may change whom.
      render: (_: unknown, u) => (
        <Space size="small">
          {u.active && u.abilities.disable.allowed ? (
            <Popconfirm
              title={`确定停用账号“${u.displayName}”？`}
              description="停用后该账号立即退出登录，不能再登录，直至重新启用。"
              okText="停用"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => toggle.mutate(u)}
            >
              <Button size="small" danger loading={toggle.isPending && toggle.variables?.id === u.id}>
                停用
              </Button>
            </Popconfirm>
          ) : null}
          {/* A manager refused for a reason (own account, last holder of a duty) sees why. */}
          {u.active && !u.abilities.disable.allowed && u.abilities.update.allowed ? (
            <Tooltip title={u.abilities.disable.message}>
              <Button size="small" disabled>
                停用
              </Button>
            </Tooltip>
          ) : null}
          {!u.active && u.abilities.update.allowed ? (
            <Button size="small" loading={toggle.isPending && toggle.variables?.id === u.id} onClick={() => toggle.mutate(u)}>
              启用
            </Button>
          ) : null}
          {u.abilities.unlock.allowed && isLocked(u) ? (
            <Button
              size="small"
              icon={<UnlockOutlined />}
              loading={unlock.isPending && unlock.variables?.id === u.id}
              onClick={() => unlock.mutate(u)}
            >
              解除锁定
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  if (users.isError) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;

  return (
    <Card
      title="用户管理"
      extra={
        <Space>
          <Input.Search allowClear placeholder="搜索用户名、姓名或机构" aria-label="搜索用户" style={{ width: 240 }} onChange={(e) => setQuery(e.target.value)} />
          {users.data?.abilities?.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建用户
            </Button>
          ) : null}
        </Space>
      }
    >
      <Table<UserRecord>
        rowKey="id"
        columns={columns}
        dataSource={(users.data?.items ?? []).filter((u) => matches(u, query))}
        loading={users.isPending}
        locale={{ emptyText: query.trim() ? '没有符合条件的用户' : '暂无用户' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
      />
      <UserCreateModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
