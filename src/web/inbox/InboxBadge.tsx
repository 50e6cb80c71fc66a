import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useInbox } from './api';

/** The header's bell with the number of unread notices (polled every minute); `compact` shows the bell alone. */
export function InboxBadge({ compact = false }: { compact?: boolean }) {
  const inbox = useInbox(true);
  const navigate = useNavigate();
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
