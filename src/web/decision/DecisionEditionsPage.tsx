import { Card, Empty, List, Skeleton, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useEditions } from '../editions/api';
import { QueryError } from '../shared/QueryError';

/** The editions whose decision and publication the office runs and the bodies decide. */
export default function DecisionEditionsPage() {
  const editions = useEditions();
  if (editions.isPending) return <Skeleton active />;
  if (editions.isError) return <QueryError error={editions.error} onRetry={() => void editions.refetch()} />;
  const items = editions.data.items.filter((e) => e.status !== 'draft');
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        评定与公布
      </Typography.Title>
      <Typography.Paragraph type="secondary">满意度测评、建议候选名单、评审委员会审议、领导小组审定、公示、市政府审定和公布获奖名单。</Typography.Paragraph>
      <Card>
        {items.length === 0 ? (
          <Empty description="还没有进行中的届次" />
        ) : (
          <List
            dataSource={items}
            data-testid="decision-editions"
            renderItem={(e) => (
              <List.Item actions={[<Link key="open" to={`/decision/${e.id}`} aria-label={`进入${e.name}评定与公布`}>进入 <RightOutlined /></Link>]}>
                <List.Item.Meta title={<Link to={`/decision/${e.id}`} data-testid={`decision-edition-${e.number}`}>{e.name}</Link>} description={`${e.year} 年度 · 当前阶段：${e.phases.find((p) => p.phase === e.phase)?.label ?? e.phase}`} />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
