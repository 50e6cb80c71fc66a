import { App as AntApp, Badge, Button, Card, Empty, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { InboxItem } from '../../contract/intake';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';
import { errorMessage } from '../shared/formErrors';
import { useInbox, useMarkAllRead, useMarkRead } from './api';

/** Notifications: clicking one marks it read and opens its link; all can be marked read at once. */
export default function InboxPage() {
  const inbox = useInbox();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();

  if (inbox.isPending) return <Skeleton active />;
  if (inbox.isError) return <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />;
  const { items, unread } = inbox.data;

  const open = (n: InboxItem) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link && n.link.startsWith('/')) navigate(n.link);
  };

  return (
    <Card
      title={`站内通知${unread ? `（${unread} 条未读）` : ''}`}
      extra={
        <Button
          size="small"
          disabled={unread === 0}
          loading={markAllRead.isPending}
          onClick={() =>
            markAllRead.mutate(undefined, {
              onSuccess: ({ marked }) => void message.success(`已将 ${marked} 条通知标为已读`),
              onError: (err) => void message.error(errorMessage(err)),
            })
          }
        >
          全部标为已读
        </Button>
      }
    >
      {items.length === 0 ? (
        <Empty description="暂无通知" />
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="通知列表">
          {items.map((n) => (
            <li key={n.id} style={{ borderBottom: '1px solid #f0f0f0' }}>
              <button
                type="button"
                onClick={() => open(n)}
                style={{ all: 'unset', display: 'block', width: '100%', padding: '12px 8px', cursor: 'pointer', boxSizing: 'border-box' }}
              >
                <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                  {n.readAt ? null : <Badge status="processing" />}
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  <span style={{ flex: 1 }} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmtTime(n.createdAt)}
                  </Typography.Text>
                </div>
                {n.body ? (
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                    {n.body}
                  </Typography.Paragraph>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
