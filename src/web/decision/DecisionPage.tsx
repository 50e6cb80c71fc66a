import { Suspense } from 'react';
import { Skeleton, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMe } from '../api/client';
import { useEdition } from '../editions/api';
import { DECISION_TABS } from './tabs';

/** One edition's decision and publication, tab by tab in the order of the procedure; each body sees its own steps. */
export default function DecisionPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const edition = useEdition(id);
  const [params, setParams] = useSearchParams();
  const roles = me.data?.user.roles ?? [];
  const tabs = DECISION_TABS.filter((t) => t.roles.some((r) => roles.includes(r)));
  if (!me.data) return <Skeleton active />;
  const active = tabs.find((t) => t.key === params.get('tab'))?.key ?? tabs[0]?.key;
  return (
    <div>
      <Link to="/decision">
        <ArrowLeftOutlined /> 返回届次列表
      </Link>
      <Typography.Title level={3} style={{ marginTop: 12 }}>
        {edition.data?.name ?? '评定与公布'}
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={tabs.map(({ key, label, Component }) => ({
          key,
          label,
          children: (
            <Suspense fallback={<Skeleton active />}>
              <Component editionId={id} />
            </Suspense>
          ),
        }))}
      />
    </div>
  );
}
