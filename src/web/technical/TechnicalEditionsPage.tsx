import { Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useEditions } from '../editions/api';
import { EDITION_STATUS_COLORS, EDITION_STATUS_LABELS } from '../shared/labels';
import { QueryError } from '../shared/QueryError';

/** The editions whose technical review the agency runs or the office follows. */
export default function TechnicalEditionsPage() {
  const editions = useEditions();
  if (editions.isPending) return <Skeleton active />;
  if (editions.isError) return <QueryError error={editions.error} onRetry={() => void editions.refetch()} />;
  // A draft edition has no applications yet: nothing to review.
  const items = editions.data.items.filter((e) => e.status !== 'draft');

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        技术评审
      </Typography.Title>
      <Typography.Paragraph type="secondary">选择届次，查看技术评审的进度、评审组、评审结果和结果报告。</Typography.Paragraph>
      <Card>
        {items.length === 0 ? (
          <Empty description="还没有已发布申报通知的届次" />
        ) : (
          <List
            dataSource={items}
            data-testid="technical-editions"
            renderItem={(e) => (
              <List.Item actions={[<Link key="open" to={`/technical/${e.id}`} aria-label={`进入${e.name}技术评审`}>进入 <RightOutlined /></Link>]}>
                <List.Item.Meta
                  title={
                    <Link to={`/technical/${e.id}`} data-testid={`technical-edition-${e.number}`}>
                      {e.name}
                    </Link>
                  }
                  description={`${e.year} 年度 · 当前阶段：${e.phases.find((p) => p.phase === e.phase)?.label ?? e.phase}`}
                />
                <Tag color={EDITION_STATUS_COLORS[e.status]}>{EDITION_STATUS_LABELS[e.status] ?? e.status}</Tag>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
