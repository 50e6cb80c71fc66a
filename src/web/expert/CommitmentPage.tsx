import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Result, Skeleton, Space, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../shared/formErrors';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';
import { useAcceptCommitment, useCommitment } from './api';

/** Seconds the confirmation stays before the tasks open by themselves. */
const REDIRECT_SECONDS = 3;

/** The confidentiality and conflict-of-interest commitment (Art. 24), accepted once per edition. */
export default function CommitmentPage() {
  const { id = '' } = useParams();
  const commitment = useCommitment(id);
  const accept = useAcceptCommitment(id);
  const [read, setRead] = useState(false);
  const [justAccepted, setJustAccepted] = useState(false);
  const navigate = useNavigate();
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (!justAccepted) return;
    const timer = setTimeout(() => void navigate('/expert'), REDIRECT_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [justAccepted, navigate]);

  if (commitment.isPending) return <Skeleton active />;
  if (commitment.isError) return <QueryError error={commitment.error} onRetry={() => void commitment.refetch()} />;
  const c = commitment.data;

  const sign = () =>
    accept.mutate(undefined, {
      onSuccess: () => {
        setJustAccepted(true);
        message.success('承诺已签署');
      },
    });

  return (
    <div style={{ maxWidth: 860 }}>
      <Link to="/expert" style={{ display: 'inline-block', marginBottom: 16 }}>
        <ArrowLeftOutlined /> 返回我的评审任务
      </Link>
      <Card title={`${c.editionName} · 保密和回避承诺书`}>
        <Typography.Paragraph type="secondary">依据：{c.article}</Typography.Paragraph>
        <div
          data-testid="commitment-text"
          style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 16, maxHeight: 420, overflow: 'auto' }}
        >
          {c.text}
        </div>
        {c.acceptedAt ? (
          <Result
            status="success"
            title="您已签署本届承诺"
            subTitle={
              <span data-testid="commitment-accepted-at">
                签署时间：{fmtTime(c.acceptedAt)}
                {justAccepted ? `。${REDIRECT_SECONDS} 秒后自动进入评审任务。` : ''}
              </span>
            }
            extra={
              <Button type="primary" onClick={() => void navigate('/expert')} data-testid="go-to-tasks">
                进入我的评审任务
              </Button>
            }
          />
        ) : (
          <div style={{ marginTop: 16 }}>
            {accept.isError ? <Alert type="error" showIcon message={errorMessage(accept.error)} style={{ marginBottom: 12 }} /> : null}
            <Space direction="vertical" size={12}>
              <Checkbox checked={read} onChange={(e) => setRead(e.target.checked)} data-testid="commitment-checkbox">
                本人已阅读并承诺遵守
              </Checkbox>
              <Tooltip title={read ? '' : '请先勾选“本人已阅读并承诺遵守”'}>
                <Button type="primary" disabled={!read} loading={accept.isPending} onClick={sign} data-testid="commitment-accept">
                  签署承诺
                </Button>
              </Tooltip>
              <Typography.Text type="secondary">签署时间将被记录。签署后才能查看本届的评审任务和申报材料。</Typography.Text>
            </Space>
          </div>
        )}
      </Card>
    </div>
  );
}
