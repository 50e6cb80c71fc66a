import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Radio, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api, apiPost, rememberSession } from '../api/client';
import type { MeResponse } from '../../contract/auth';
import { passwordProblem } from '../../domain/password-rules';
import { applyFieldErrors, errorMessage } from '../shared/formErrors';
import { Panel } from '../shared/Panel';

interface RegisterForm {
  kind: 'unit' | 'individual';
  identityCode: string;
  name: string;
  username: string;
  password: string;
  email: string;
  emailCode: string;
  phone: string;
}

const FIELDS = ['kind', 'identityCode', 'name', 'username', 'password', 'email', 'emailCode', 'phone'] as const;
const COOLDOWN_SECONDS = 60;

/** The 发送验证码 button with its 60 s countdown. */
function SendCodeButton({
  getEmail,
  onSent,
  onError,
}: {
  getEmail: () => Promise<string | null>;
  onSent: (email: string) => void;
  onError: (msg: string) => void;
}) {
  const [left, setLeft] = useState(0);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (left <= 0) return;
    const t = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(t);
  }, [left]);

  const send = async () => {
    const email = await getEmail();
    if (!email) return;
    setSending(true);
    try {
      await apiPost<void>('/api/register/code', { email });
      setLeft(COOLDOWN_SECONDS);
      onSent(email);
    } catch (err) {
      onError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <Button onClick={send} loading={sending} disabled={left > 0}>
      {left > 0 ? `${left} 秒后重新发送` : '发送验证码'}
    </Button>
  );
}

export default function RegisterPage() {
  const [form] = Form.useForm<RegisterForm>();
  const kind = Form.useWatch('kind', form) ?? 'unit';
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const unit = kind === 'unit';

  const onFinish = async (v: RegisterForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await api<MeResponse>('/api/register', {
        method: 'POST',
        body: {
          kind: v.kind,
          identityCode: v.identityCode.trim().toUpperCase(),
          name: v.name.trim(),
          username: v.username.trim(),
          password: v.password,
          email: v.email.trim(),
          phone: v.phone.trim(),
          emailCode: v.emailCode.trim(),
        },
      });
      // Same as login: the session's CSRF token and user go into the client and the cache.
      rememberSession(queryClient, me);
      navigate('/applications', { replace: true });
    } catch (err) {
      const unmatched = applyFieldErrors(form, err, FIELDS);
      setError([errorMessage(err), ...unmatched].join('；'));
    } finally {
      setSubmitting(false);
    }
  };

  const getEmail = async () => {
    setNotice(null);
    setError(null);
    const values = await form.validateFields(['email']).catch(() => null);
    return values ? values.email.trim() : null;
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', justifyContent: 'center', background: 'linear-gradient(180deg, #1f3a68 0%, #f5f7fa 50%)', padding: 16 }}>
      <Panel style={{ width: 520, maxWidth: '100%', alignSelf: 'flex-start', marginTop: 32 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          申报注册
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          注册后即可在线填报市长质量奖申报材料，一个统一社会信用代码或身份证号码只能注册一个账号。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
        {notice ? <Alert type="success" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
        <Form<RegisterForm> form={form} layout="vertical" onFinish={onFinish} initialValues={{ kind: 'unit' }} requiredMark={false}>
          <Form.Item label="申报类型" name="kind">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'unit', label: '单位' },
                { value: 'individual', label: '个人' },
              ]}
            />
          </Form.Item>
          <Form.Item
            label={unit ? '统一社会信用代码' : '身份证号码'}
            name="identityCode"
            rules={[
              { required: true, whitespace: true, message: unit ? '请输入统一社会信用代码' : '请输入身份证号码' },
              { len: 18, message: '应为 18 位', transform: (v: string) => v?.trim() },
            ]}
          >
            <Input maxLength={18} placeholder="18 位" style={{ textTransform: 'uppercase' }} />
          </Form.Item>
          <Form.Item label={unit ? '单位名称' : '姓名'} name="name" rules={[{ required: true, whitespace: true, message: unit ? '请输入单位名称' : '请输入姓名' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]} extra="3–64 位字母、数字、点、下划线或连字符">
            <Input maxLength={64} autoComplete="username" />
          </Form.Item>
          <Form.Item
            label="密码"
            name="password"
            dependencies={['username']}
            extra="至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名"
            rules={[
              { required: true, message: '请输入密码' },
              // The same rule as the server's (domain/password-rules.ts), shown while typing.
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) => {
                  const problem = value ? passwordProblem(value, getFieldValue('username')?.trim() || undefined) : null;
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label="邮箱" required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="email" noStyle rules={[{ required: true, message: '请输入邮箱' }, { type: 'email', message: '邮箱格式不正确' }]}>
                <Input aria-label="邮箱" autoComplete="email" />
              </Form.Item>
              <SendCodeButton
                getEmail={getEmail}
                onSent={(email) => setNotice(`验证码已发送至 ${email}，15 分钟内有效`)}
                onError={(m) => {
                  setNotice(null);
                  setError(m);
                }}
              />
            </Space.Compact>
          </Form.Item>
          <Form.Item label="邮箱验证码" name="emailCode" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: '请输入 6 位数字验证码' }]}>
            <Input maxLength={6} inputMode="numeric" />
          </Form.Item>
          <Form.Item label="手机号" name="phone" rules={[{ required: true, pattern: /^\s*1\d{10}\s*$/, message: '手机号应为 11 位数字' }]}>
            <Input maxLength={11} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              注册并登录
            </Button>
          </Form.Item>
        </Form>
        <div style={{ textAlign: 'center' }}>
          <Space>
            <Link to="/login">已有账号，去登录</Link>
            <Link to="/">返回首页</Link>
          </Space>
        </div>
      </Panel>
    </div>
  );
}
