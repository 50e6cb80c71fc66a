import { Card, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { hasOutlook, roleOutlook } from '../../domain/role-outlook';
import type { Role } from '../../domain/roles';
import { ApiError } from '../api/client';
import { useCurrentEdition } from '../applications/api';

/**
 * For the roles whose work comes late in the procedure (agency, expert, committee,
 * leadership, government): what they will be asked to do and when, from the current
 * edition's schedule, so an empty to-do list is not the whole story.
 */
export function OutlookCard({ roles }: { roles: readonly Role[] }) {
  const show = hasOutlook(roles);
  const edition = useCurrentEdition();
  if (!show) return null;
  let content;
  if (edition.isPending) content = <Skeleton active paragraph={{ rows: 1 }} />;
  else if (edition.isError) {
    content = (
      <Typography.Text type="secondary">
        {edition.error instanceof ApiError && edition.error.status === 404
          ? '当前没有进行中的届次。新一届开启后，这里会告诉您要做的工作和时间。'
          : '暂时无法读取届次安排，请稍后刷新。'}
      </Typography.Text>
    );
  } else {
    content = (
      <>
        <Typography.Paragraph type="secondary">
          {edition.data.name}的评审工作分阶段进行，轮到您时会出现在“我的待办”并发送站内通知。
        </Typography.Paragraph>
        <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label="工作安排">
          {roleOutlook(roles, edition.data.schedule).map((item) => (
            <li key={item.step} style={{ marginBottom: 4 }}>
              <Typography.Text strong>{item.step}</Typography.Text>：{item.when}
              {item.link ? (
                <>
                  {' '}
                  <Link to={item.link.to}>{item.link.label}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <Card title="您的工作安排" style={{ marginBottom: 16 }} data-testid="role-outlook">
      {content}
    </Card>
  );
}
