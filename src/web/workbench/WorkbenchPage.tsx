import { Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { apiGet, useMe } from '../api/client';
import type { Task } from '../../contract/system';
import { displayHour } from '../../domain/display-time';
import { fmtDate } from '../shared/format';
import { roleLabels } from '../shared/labels';
import { QueryError } from '../shared/QueryError';
import { ExpertWorkSummary } from '../expert/ExpertWorkSummary';
import { OutlookCard } from './OutlookCard';

function greeting(): string {
  const h = displayHour(new Date());
  if (h < 6) return '您好';
  if (h < 12) return '上午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function WorkbenchPage() {
  const me = useMe();
  const tasks = useQuery({
    queryKey: ['tasks'],
    queryFn: ({ signal }) => apiGet<{ items: Task[] }>('/api/tasks', signal),
  });
  const user = me.data?.user;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {greeting()}，{user?.displayName ?? ''}
      </Typography.Title>
      {user ? (
        <Typography.Paragraph type="secondary">您的角色：{roleLabels(user.roles)}</Typography.Paragraph>
      ) : null}
      {user?.roles.includes('expert') ? <ExpertWorkSummary /> : null}
      {user ? <OutlookCard roles={user.roles} /> : null}
      <Card title="我的待办">
        {tasks.isPending ? (
          <Skeleton active />
        ) : tasks.isError ? (
          <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />
        ) : tasks.data.items.length === 0 ? (
          <Empty description="暂无待办" />
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="我的待办">
            {tasks.data.items.map((t) => (
              <li key={t.id} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
                <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
                  <Link to={t.link}>{t.title}</Link>
                  {t.dueOn ? <Tag color="orange">截止 {fmtDate(t.dueOn)}</Tag> : null}
                </div>
                {t.detail ? <Typography.Text type="secondary">{t.detail}</Typography.Text> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
