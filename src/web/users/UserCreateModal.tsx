import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLES, ROLE_LABELS, type Role } from '../../domain/roles';
import { apiPost } from '../api/client';
import type { UserRecord } from '../../contract/directory';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { ORGANISATION_KIND_LABELS } from '../shared/labels';
import { useOrganisations } from '../organisations/api';
import { USERS_KEY } from './api';

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  organisationId?: string | null;
}

const FIELDS = ['username', 'displayName', 'password', 'roles', 'organisationId'] as const;

export function UserCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<UserForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const orgs = useOrganisations(null, open);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (open) {
      setProblem(null);
      form.resetFields();
    }
  }, [open, form]);

  const create = useMutation({
    mutationFn: (v: UserForm) =>
      apiPost<UserRecord>('/api/users', {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        roles: v.roles,
        ...(v.organisationId ? { organisationId: v.organisationId } : {}),
      }),
    onSuccess: () => {
      message.success('用户已创建');
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      onClose();
    },
    onError: (err) => {
      const unmatched = applyFieldErrors(form, err, FIELDS);
      setProblem([errorMessage(err), ...unmatched].join('；'));
    },
  });

  const submit = async () => {
    setProblem(null);
    const values = await form.validateFields().catch(() => null);
    if (values) create.mutate(values);
  };

  const orgOptions = (orgs.data?.items ?? [])
    .filter((o) => o.active)
    .map((o) => ({ value: o.id, label: `${o.name}（${ORGANISATION_KIND_LABELS[o.kind] ?? o.kind}）` }));

  return (
    <Modal
      title="新建用户"
      open={open}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<UserForm> form={form} layout="vertical" autoComplete="off">
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请输入初始密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="角色" name="roles" rules={[{ required: true, message: '请至少选择一个角色' }]}>
          <Select
            mode="multiple"
            placeholder="请选择角色"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item label="所属机构" name="organisationId">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择所属机构（可选）"
            loading={orgs.isPending}
            options={orgOptions}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
