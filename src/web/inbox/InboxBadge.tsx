import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useInbox, useMarkRead } from './api';

/** The header's bell with the number of unread notices (polled every minute); `compact` shows the bell alone. */
export function InboxBadge({ compact = false }: { compact?: boolean }) {
  const inbox = useInbox(true);
  const navigate = useNavigate();
  const location = useLocation();
  const markRead = useMarkRead();
  const here = location.pathname + location.search;
  // A notice points at the page where its work is done: being on that page is reading it,
  // however one got there (the inbox, the workbench, a bookmark).
  const seenHere = (inbox.data?.items ?? []).filter((n) => !n.readAt && n.link === here).map((n) => n.id);
  const seenKey = seenHere.join(',');
  useEffect(() => {
    for (const id of seenKey ? seenKey.split(',') : []) markRead.mutate(id);
    // Keyed by the ids (a string), not the array, so a refetch with the same notices does nothing.
  }, [seenKey]);
  const unread = inbox.data?.unread ?? 0;
  return (
    <Badge count={unread} size="small" offset={[-4, 4]}>
      <Button
        size="small"
        type="text"
        icon={<BellOutlined />}
        style={{ color: '#fff' }}
        aria-label={unread ? `站内通知，${unread} 条未读` : '站内通知'}
        onClick={() => navigate('/inbox')}
      >
        {compact ? null : '站内通知'}
      </Button>
    </Badge>
  );
}
