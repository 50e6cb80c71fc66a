import { lazy, Suspense, type ReactNode } from 'react';
import { Segmented, Skeleton, Space, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TechnicalOverview } from '../../contract/technical';
import { TECHNICAL_STAGE_LABELS, type TechnicalStage } from '../../contract/technical-report';
import { useMe } from '../api/client';
import { useEdition } from '../editions/api';
import { QueryError } from '../shared/QueryError';
import DisqualificationsCard from '../supervision/DisqualificationsCard';
import { useOverview, useReport } from './api';
import { ConflictsTab } from './ConflictsTab';
import { OverviewTab } from './OverviewTab';
import { PanelsTab } from './PanelsTab';
import { ResultsTab } from './ResultsTab';

// The report carries ECharts: loaded only when its tab opens.
const ReportTab = lazy(() => import('./ReportTab'));

type TabKey = 'overview' | 'conflicts' | 'panels' | 'results' | 'report' | 'disqualifications';

/** One edition's technical review: the agency runs it tab by tab; the office sees the submitted report (and the results). */
export default function TechnicalPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const roles = me.data?.user.roles ?? [];
  const isAgency = roles.includes('agency');
  if (!me.data) return <Skeleton active />;
  return isAgency ? <AgencyView editionId={id} /> : <OfficeView editionId={id} />;
}

function useTabState(defaultTab: TabKey, stages: TechnicalStage[]) {
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as TabKey | null) ?? defaultTab;
  const requested = params.get('stage') as TechnicalStage | null;
  const stage = requested && stages.includes(requested) ? requested : stages[0];
  const open = (next: TabKey, nextStage?: string) => {
    const p = new URLSearchParams(params);
    p.set('tab', next);
    if (nextStage) p.set('stage', nextStage);
    setParams(p, { replace: true });
  };
  const setStage = (next: string) => open(tab, next);
  return { tab, stage, open, setStage };
}

function StagePicker({ stages, stage, onChange, children }: { stages: TechnicalStage[]; stage: TechnicalStage | undefined; onChange: (s: string) => void; children: (s: TechnicalStage) => ReactNode }) {
  if (!stage) return <Typography.Text type="secondary">规则版本未设置技术评审环节</Typography.Text>;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented value={stage} onChange={(v) => onChange(String(v))} options={stages.map((s) => ({ value: s, label: TECHNICAL_STAGE_LABELS[s] }))} data-testid="stage-picker" />
      {children(stage)}
    </Space>
  );
}

function Header({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <>
      <Link to="/technical">
        <ArrowLeftOutlined /> 返回届次列表
      </Link>
      <Typography.Title level={3} style={{ marginTop: 12 }}>
        {title}
      </Typography.Title>
      {children}
    </>
  );
}

function AgencyView({ editionId }: { editionId: string }) {
  const overview = useOverview(editionId);
  const stages = (overview.data?.stages ?? []).map((s) => s.stage);
  const { tab, stage, open, setStage } = useTabState('overview', stages);
  if (overview.isPending) return <Skeleton active />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const o: TechnicalOverview = overview.data;
  const stageTab = (render: (s: TechnicalStage) => ReactNode) => (
    <StagePicker stages={stages} stage={stage} onChange={setStage}>
      {render}
    </StagePicker>
  );
  return (
    <div>
      <Header title={`${o.editionName} · 技术评审`} />
      <Tabs
        activeKey={tab}
        onChange={(k) => open(k as TabKey)}
        destroyOnHidden
        items={[
          { key: 'overview', label: '概况', children: <OverviewTab overview={o} onOpen={open} /> },
          { key: 'conflicts', label: '利益冲突', children: <ConflictsTab editionId={editionId} /> },
          { key: 'panels', label: '评审组', children: stageTab((s) => <PanelsTab key={s} editionId={editionId} stage={s} />) },
          { key: 'results', label: '评审结果', children: stageTab((s) => <ResultsTab key={s} editionId={editionId} stage={s} canDecide />) },
          {
            key: 'report',
            label: '结果报告',
            children: (
              <Suspense fallback={<Skeleton active />}>
                <ReportTab editionId={editionId} isAgency />
              </Suspense>
            ),
          },
          { key: 'disqualifications', label: '专家资格取消', children: <DisqualificationsCard editionId={editionId} /> },
        ]}
      />
    </div>
  );
}

/** The office may read the results and the report once submitted; panels and conflicts stay with the agency. */
function OfficeView({ editionId }: { editionId: string }) {
  const edition = useEdition(editionId);
  const report = useReport(editionId);
  const stages = report.data?.report.stages ?? [];
  const { tab, stage, open, setStage } = useTabState('report', stages);
  if (edition.isPending) return <Skeleton active />;
  if (edition.isError) return <QueryError error={edition.error} onRetry={() => void edition.refetch()} />;
  const items = [
    {
      key: 'report',
      label: '结果报告',
      children: (
        <Suspense fallback={<Skeleton active />}>
          <ReportTab editionId={editionId} isAgency={false} />
        </Suspense>
      ),
    },
    ...(stages.length
      ? [{ key: 'results', label: '各环节评审结果', children: <StagePicker stages={stages} stage={stage} onChange={setStage}>{(s) => <ResultsTab key={s} editionId={editionId} stage={s} canDecide={false} />}</StagePicker> }]
      : []),
    { key: 'disqualifications', label: '专家资格取消', children: <DisqualificationsCard editionId={editionId} /> },
  ];
  return (
    <div>
      <Header title={`${edition.data.name} · 技术评审结果`} />
      <Tabs activeKey={items.some((i) => i.key === tab) ? tab : 'report'} onChange={(k) => open(k as TabKey)} destroyOnHidden items={items} />
    </div>
  );
}
