import { useState } from 'react';
import { Alert, App as AntApp, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiPost } from '../api/client';
import type { Edition } from '../../contract/editions';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { EDITIONS_KEY, profileLabel, useProfiles } from './api';

interface CreateForm {
  profileId: string;
  number: number;
  year: number;
  name: string;
  opensOn: Dayjs;
}

const FIELDS = ['profileId', 'number', 'year', 'name', 'opensOn'] as const;

export function EditionCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const profiles = useProfiles(open);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();

  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      apiPost<Edition>('/api/editions', {
        profileId: v.profileId,
        number: v.number,
        year: v.year,
        name: v.name.trim(),
        opensOn: v.opensOn.format('YYYY-MM-DD'),
      }),
    onSuccess: async (edition) => {
      message.success('届次已创建');
      await queryClient.invalidateQueries({ queryKey: EDITIONS_KEY, exact: true });
      form.resetFields();
      onClose();
      navigate(`/editions/${edition.id}`);
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

  return (
    <Modal
      title="开启新一届"
      open={open}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={submit}
      onCancel={() => {
        setProblem(null);
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<CreateForm> form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }}>
        <Form.Item label="规则版本" name="profileId" rules={[{ required: true, message: '请选择规则版本' }]}>
          <Select
            loading={profiles.isPending}
            placeholder="请选择规则版本"
            options={(profiles.data?.items ?? []).map((p) => ({ value: p.id, label: profileLabel(p) }))}
            notFoundContent={profiles.isError ? errorMessage(profiles.error) : undefined}
          />
        </Form.Item>
        <Form.Item label="届次" name="number" rules={[{ required: true, message: '请输入届次' }]}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder="例如 5（第5届）" />
        </Form.Item>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input placeholder="例如 第五届临沂市市长质量奖" maxLength={100} />
        </Form.Item>
        <Form.Item label="开启日期" name="opensOn" rules={[{ required: true, message: '请选择开启日期' }]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
