import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import type { Expert } from '../../contract/technical';
import { passwordProblem } from '../../domain/password-rules';
import { applyFieldErrors, formProblem } from '../shared/formErrors';
import { useOpenAccount } from '../technical/api';

/** Opens a login for an expert without one: a username and an initial password the agency hands over. */
export function AccountModal({ expert, onClose }: { expert: Expert | null; onClose: () => void }) {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const openAccount = useOpenAccount();
  const { message } = App.useApp();

  useEffect(() => {
    if (expert) {
      form.resetFields();
      setProblem(null);
    }
  }, [expert, form]);

  const ok = async () => {
    if (!expert) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setProblem(null);
    try {
      await openAccount.mutateAsync({ id: expert.id, username: values.username.trim(), password: values.password });
      message.success(`已为${expert.name}开通账号`);
      onClose();
    } catch (err) {
      const unmatched = applyFieldErrors(form, err, ['username', 'password']);
      setProblem(formProblem(err, unmatched));
    }
  };

  return (
    <Modal title={expert ? `为${expert.name}开通账号` : '开通账号'} open={expert !== null} okText="开通" cancelText="取消" confirmLoading={openAccount.isPending} onOk={ok} onCancel={onClose} forceRender>
      <Typography.Paragraph type="secondary">专家首次登录后须修改初始密码。请通过安全渠道将用户名和初始密码告知专家。</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} name="expertAccount" layout="vertical">
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请填写用户名' }, { pattern: /^[a-zA-Z0-9_.-]{3,40}$/, message: '用户名为 3–40 位字母、数字、下划线、点或连字符' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="初始密码"
          name="password"
          rules={[
            { required: true, message: '请填写初始密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string) => {
                const p = value ? passwordProblem(value, getFieldValue('username')) : null;
                return p ? Promise.reject(new Error(p)) : Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
