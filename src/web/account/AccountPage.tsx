import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { passwordProblem } from '../../domain/password-rules';
import { ApiError, apiPost, ME_KEY, setCsrfToken, useMe } from '../api/client';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { roleLabels } from '../shared/labels';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

export const PASSWORD_RULE_TEXT = '至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名';

/** Account settings: who is signed in, and the change-password form. */
export default function AccountPage() {
  const me = useMe();
  const user = me.data?.user;
  const [form] = Form.useForm<PasswordForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();

  const change = useMutation({
    mutationFn: (v: PasswordForm) =>
      apiPost<void>('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      // The server has ended every session of this user. The cached user is removed (not set to
      // null) so the shell's guard does not redirect on its own with a "come back to /account"
      // state; the next login stores a fresh session and drops everything else.
      setCsrfToken(null);
      queryClient.removeQueries({ queryKey: ME_KEY });
      message.success('密码已修改，请重新登录');
      navigate('/login', { replace: true });
    },
    onError: (err) => {
      // 422 with fields (wrong current password, rule not met) shows on the fields themselves.
      const unmatched = applyFieldErrors(form, err, FIELDS);
      const onFields = err instanceof ApiError && err.fields.length > 0 && unmatched.length === 0;
      setProblem(onFields ? null : [errorMessage(err), ...unmatched].join('；'));
    },
  });

  const onFinish = (values: PasswordForm) => {
    setProblem(null);
    change.mutate(values);
  };

  return (
    <div style={{ maxWidth: 640 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        账号设置
      </Typography.Title>
      {user ? (
        <Card title="账号信息" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'u', label: '用户名', children: user.username },
              { key: 'n', label: '姓名', children: user.displayName },
              { key: 'r', label: '角色', children: roleLabels(user.roles) },
              { key: 'o', label: '所属机构', children: user.organisationName || '—' },
            ]}
          />
        </Card>
      ) : null}
      <Card title="修改密码">
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} autoComplete="off">
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra={`密码规则：${PASSWORD_RULE_TEXT}`}
            rules={[
              { required: true, message: '请输入新密码' },
              {
                validator: (_, value: string | undefined) => {
                  const reason = value ? passwordProblem(value, user?.username) : null;
                  return reason ? Promise.reject(new Error(reason)) : Promise.resolve();
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirmPassword"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Typography.Paragraph type="secondary">修改成功后，所有已登录的会话都将退出，需要使用新密码重新登录。</Typography.Paragraph>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              修改密码
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </div>
  );
}
