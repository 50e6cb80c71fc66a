import { Alert, Button, Card, Space, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { formatDisplayTime } from '../../../domain/display-time';
import type { Application } from '../../api/types';
import { WithdrawButton } from '../WithdrawButton';
import type { SaveStatus } from './useAutosave';

export function SaveIndicator({ status }: { status: SaveStatus }) {
  switch (status.kind) {
    case 'idle':
      return <Typography.Text type="secondary">填写内容会自动保存</Typography.Text>;
    case 'pending':
      return <Typography.Text type="secondary">有未保存的修改…</Typography.Text>;
    case 'saving':
      return (
        <Typography.Text type="secondary">
          <LoadingOutlined /> 保存中
        </Typography.Text>
      );
    case 'saved':
      return (
        <Typography.Text type="success" data-testid="autosave-status">
          <CheckCircleFilled /> 已自动保存 {formatDisplayTime(status.at).slice(11)}
        </Typography.Text>
      );
    default:
      return (
        <Typography.Text type="danger" role="alert">
          <ExclamationCircleOutlined /> {status.kind === 'error' ? `保存失败，稍后自动重试：${status.message}` : status.message}
        </Typography.Text>
      );
  }
}

/** Live eligibility, the still-missing list and the submit button, all from the server's answer. */
export function SidePanel({
  app,
  status,
  submitting,
  onSubmit,
}: {
  app: Application;
  status: SaveStatus;
  submitting: boolean;
  onSubmit: () => void;
}) {
  const submit = app.actions.find((t) => t.action === 'submit' || t.action === 'resubmit');
  const withdraw = app.actions.find((t) => t.action === 'withdraw');
  const busy = status.kind === 'saving' || status.kind === 'pending';
  return (
    <div style={{ position: 'sticky', top: 16 }}>
      <Card size="small" title="申报条件" style={{ marginBottom: 12 }}>
        {app.eligibility.eligible ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> 符合申报条件
          </Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }} aria-label="不符合的申报条件">
            {app.eligibility.failures.map((f) => (
              <li key={f.code} style={{ color: '#cf1322', marginBottom: 4 }}>
                <CloseCircleFilled /> <strong>{f.article}</strong>：{f.message}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card size="small" title={`尚缺材料（${app.missing.length}）`} style={{ marginBottom: 12 }}>
        {app.missing.length === 0 ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> 材料已齐全
          </Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 260, overflow: 'auto' }} aria-label="尚缺材料">
            {app.missing.map((m) => (
              <li key={m.key}>{m.label}</li>
            ))}
          </ul>
        )}
      </Card>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <SaveIndicator status={status} />
          {submit ? (
            <>
              <Tooltip title={submit.allowed ? undefined : submit.message}>
                <Button type="primary" block size="large" disabled={!submit.allowed || status.kind === 'conflict'} loading={submitting || (submitting && busy)} onClick={onSubmit}>
                  {submit.label}
                </Button>
              </Tooltip>
              {!submit.allowed && submit.message ? <Alert type="warning" showIcon title={submit.message} /> : null}
            </>
          ) : null}
          {withdraw ? <WithdrawButton app={app} transition={withdraw} block /> : null}
        </Space>
      </Card>
    </div>
  );
}
