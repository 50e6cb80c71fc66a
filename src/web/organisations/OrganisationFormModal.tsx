import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../domain/roles';
import { apiPatch, apiPost } from '../api/client';
import type { Organisation } from '../../contract/directory';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { ORGANISATION_KIND_LABELS } from '../shared/labels';
import { ORGANISATIONS_KEY } from './api';

interface OrgForm {
  name: string;
  kind: OrganisationKind;
  code?: string;
}

const FIELDS = ['name', 'kind', 'code'] as const;

/** Creates an organisation (`editing` null) or renames / recodes an existing one. */
export function OrganisationFormModal({
  open,
  editing,
  defaultKind,
  onClose,
}: {
  open: boolean;
  editing: Organisation | null;
  defaultKind?: OrganisationKind | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<OrgForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? { name: editing.name, kind: editing.kind, code: editing.code ?? '' }
        : { name: '', kind: defaultKind ?? undefined, code: '' },
    );
  }, [open, editing, defaultKind, form]);

  const save = useMutation({
    mutationFn: (v: OrgForm) => {
      const code = v.code?.trim() || undefined;
      if (editing) {
        // An emptied code clears it (the server takes `code: null`).
        return apiPatch<Organisation>(`/api/organisations/${encodeURIComponent(editing.id)}`, {
          name: v.name.trim(),
          code: code ?? null,
        });
      }
      return apiPost<Organisation>('/api/organisations', { name: v.name.trim(), kind: v.kind, ...(code ? { code } : {}) });
    },
    onSuccess: () => {
      message.success(editing ? '已保存' : '组织机构已创建');
      void queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY });
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
    if (values) save.mutate(values);
  };

  return (
    <Modal
      title={editing ? '编辑组织机构' : '新建组织机构'}
      open={open}
      okText={editing ? '保存' : '创建'}
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<OrgForm> form={form} layout="vertical">
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select
            disabled={!!editing}
            placeholder="请选择类型"
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item label="代码" name="code" extra="可选，如统一社会信用代码或行政区划代码">
          <Input maxLength={32} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
