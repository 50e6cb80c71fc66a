import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, ApiError, rememberSession } from '../api/client';
import type { MeResponse } from '../../contract/auth';
import { errorMessage } from '../shared/formErrors';
import { Panel } from '../shared/Panel';

interface LoginForm {
  username: string;
  password: string;
}

/** Where to go after login: the page the guard came from, else the workbench. */
function targetAfterLogin(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/workbench';
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [delayed, setDelayed] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    setDelayed(false);
    try {
      const me = await api<MeResponse>('/api/auth/login', {
        method: 'POST',
        body: { username: values.username.trim(), password: values.password },
      });
      rememberSession(queryClient, me);
      navigate(targetAfterLogin(location.state), { replace: true });
    } catch (err) {
      // The server's Chinese message. It answers unknown users and wrong passwords alike; after
      // repeated failures (login_delayed) it says how long to wait, the same for any username.
      setError(errorMessage(err));
      setDelayed(err instanceof ApiError && err.code === 'login_delayed');
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(180deg, #1f3a68 0%, #f5f7fa 60%)',
        padding: 16,
      }}
    >
      <Panel style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          临沂市市长质量奖管理系统
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          用户登录
        </Typography.Paragraph>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            description={delayed ? '为保护账号安全，连续登录失败后须等待一段时间再试；等待结束后输入正确的密码即可登录。忘记密码请联系系统管理员。' : undefined}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        ) : null}
        <Form<LoginForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <div style={{ textAlign: 'center' }}>
          <Space>
            <Link to="/register">注册申报账号</Link>
            <Link to="/">返回首页</Link>
          </Space>
        </div>
      </Panel>
    </div>
  );
}
