import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Progress, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { PanelView, SolveProgressView } from '../../contract/technical';
import type { TechnicalStage } from '../../contract/technical-report';
import { apiPost } from '../api/client';
import { errorWithFields } from '../shared/formErrors';
import { fmtDate } from '../shared/format';
import { useIndustries } from '../applications/api';
import { industryNames } from '../experts/industryOptions';
import { QueryError } from '../shared/QueryError';
import { panelPath, useConflicts, usePanelMutation, usePanels, useSolveProgress } from './api';
import { PanelMembers } from './PanelMembers';
import { ScheduleModal } from './ScheduleModal';

type Application = PanelView['applications'][number];
type ExpertLoad = PanelView['experts'][number];

/** One stage's panels: the optimal assignment, its explanation, manual edits and (on site, defence) the schedules. */
export function PanelsTab({ editionId, stage }: { editionId: string; stage: TechnicalStage }) {
  const panels = usePanels(editionId, stage);
  const industries = useIndustries();
  // Conflicted pairs are refused by the server anyway; marking them saves a round trip.
  const conflicts = useConflicts(editionId, true);
  const conflicted = new Set((conflicts.data?.items ?? []).filter((c) => !c.dismissed).map((c) => `${c.expertId}:${c.applicationId}`));
  const { modal, message } = App.useApp();
  const [k, setK] = useState<number | null>(null);
  const [solveError, setSolveError] = useState<string | null>(null);
  const [scheduling, setScheduling] = useState<Application | null>(null);
  const solve = usePanelMutation(editionId, stage, (size: number) => apiPost<PanelView>(panelPath(editionId, stage), { k: size }));
  const progress = useSolveProgress(editionId, stage, solve.isPending);

  useEffect(() => {
    setK(null);
    setSolveError(null);
  }, [stage]);

  if (panels.isPending) return <Spin tip="正在读取评审组…"><div style={{ height: 160 }} /></Spin>;
  if (panels.isError) return <QueryError error={panels.error} onRetry={() => void panels.refetch()} />;
  const view = panels.data;
  const size = k ?? view.k;
  const assigned = view.applications.some((a) => a.members.length > 0);
  const withSchedule = stage !== 'material';
  // Edits answer the view without an objective: keep the solver's for this visit.
  const objective = view.objective ?? solve.data?.objective ?? null;

  const run = async () => {
    setSolveError(null);
    try {
      await solve.mutateAsync(size);
      message.success('已完成自动分配');
    } catch (err) {
      setSolveError(errorWithFields(err));
    }
  };
  const confirmRun = () =>
    assigned
      ? modal.confirm({ title: '重新自动分配', content: '将按最优分配重新组建本环节全部评审组，已做的手工调整会被覆盖。是否继续？', okText: '重新分配', cancelText: '取消', onOk: run })
      : void run();

  const noApplications = view.applications.length === 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap align="center">
          <span>每组专家人数</span>
          <InputNumber min={1} max={15} precision={0} value={size} onChange={(v) => setK(v ?? null)} aria-label="每组专家人数" data-testid="panel-k" />
          <Button type="primary" onClick={confirmRun} loading={solve.isPending} disabled={noApplications} title={noApplications ? `没有处于${view.stageLabel}的申报` : undefined} data-testid="panel-solve">
            自动分配
          </Button>
          {solve.isPending ? <SolveProgressNote progress={progress.data} /> : null}
          {objective !== null ? (
            <Typography.Text type="secondary" data-testid="panel-objective">
              自动分配的总匹配度（目标值）：{objective.toFixed(2)}
              {view.objective === null ? '（此后有手工调整）' : ''}
            </Typography.Text>
          ) : null}
        </Space>
        {solveError ? <Alert type="error" showIcon role="alert" title={solveError} style={{ marginTop: 12 }} data-testid="panel-solve-error" /> : null}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          分配在不超过专家最大评审量、避开全部利益冲突的前提下，使行业和经验匹配度之和最大，并尽量均衡每位专家的工作量。手工调整同样经过回避和评审量校验。
        </Typography.Paragraph>
      </Card>
      <Table<Application>
        rowKey="applicationId"
        size="middle"
        dataSource={view.applications}
        pagination={false}
        data-testid="panels-table"
        onRow={(a) => ({ 'data-testid': `panel-row-${a.applicationId}` }) as React.HTMLAttributes<HTMLElement>}
        rowClassName={(a) => (a.shortfall ? 'panel-shortfall' : '')}
        locale={{ emptyText: `没有处于${view.stageLabel}的申报` }}
        columns={[
          {
            title: '申报',
            dataIndex: 'name',
            width: 220,
            render: (name: string, a) => (
              <Space direction="vertical" size={0}>
                <Link to={`/scorebooks/${a.applicationId}/${stage}`}>{name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.kind === 'unit' ? '单位' : '个人'}
                  {a.industry ? ` · ${industryNames(industries.data).get(a.industry) ?? `行业 ${a.industry}`}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: `评审组（每组 ${view.k} 人）`,
            key: 'members',
            render: (_, a) => <PanelMembers editionId={editionId} stage={stage} application={a} experts={view.experts} conflicted={conflicted} editable />,
          },
          ...(withSchedule
            ? [
                {
                  title: '日程',
                  key: 'schedule',
                  width: 220,
                  render: (_: unknown, a: Application) => (
                    <Space direction="vertical" size={0}>
                      {a.schedule ? (
                        <>
                          <Typography.Text>{fmtDate(a.schedule.scheduledOn)}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {a.schedule.location}
                          </Typography.Text>
                        </>
                      ) : (
                        <Typography.Text type="secondary">未安排</Typography.Text>
                      )}
                      <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setScheduling(a)} data-testid={`panel-schedule-${a.applicationId}`}>
                        {a.schedule ? '修改日程' : '安排日程'}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ExpertLoads experts={view.experts} />
      <ScheduleModal editionId={editionId} stage={stage} stageLabel={view.stageLabel} application={scheduling} onClose={() => setScheduling(null)} />
    </Space>
  );
}

function ExpertLoads({ experts }: { experts: ExpertLoad[] }) {
  const used = experts.filter((e) => e.load > 0).length;
  return (
    <Card title="专家工作量" size="small" extra={<Typography.Text type="secondary">{used}/{experts.length} 位专家承担评审</Typography.Text>}>
      <Table<ExpertLoad>
        rowKey="expertId"
        size="small"
        dataSource={[...experts].sort((a, b) => b.load - a.load || a.name.localeCompare(b.name, 'zh'))}
        pagination={experts.length > 20 ? { pageSize: 20 } : false}
        data-testid="expert-loads"
        columns={[
          { title: '专家', dataIndex: 'name', width: 120 },
          {
            title: '工作量（本届已分配 / 最大）',
            key: 'load',
            render: (_, e) => <Progress percent={e.maxLoad ? Math.round((e.load / e.maxLoad) * 100) : 0} format={() => `${e.load}/${e.maxLoad}`} status={e.load > e.maxLoad ? 'exception' : 'normal'} size="small" />,
          },
          {
            title: '承诺书',
            dataIndex: 'committed',
            width: 110,
            render: (v: boolean) => (v ? <Tag color="green">已签署</Tag> : <Tag color="orange">未签署</Tag>),
          },
        ]}
      />
    </Card>
  );
}

/** Where the exact solve is: routing the seats (round 1), then proving optimality (later rounds). */
function SolveProgressNote({ progress }: { progress: SolveProgressView | undefined }) {
  if (!progress?.running || progress.seats === 0) return <Typography.Text type="secondary">正在求解最优分配…</Typography.Text>;
  const percent = Math.min(99, Math.round((100 * progress.augmentations) / progress.seats));
  const seconds = (progress.elapsedMs / 1000).toFixed(1);
  return (
    <Space data-testid="panel-solve-progress">
      <Progress type="circle" size={28} percent={progress.round > 1 ? 99 : percent} />
      <Typography.Text type="secondary">
        {progress.round > 1 ? `正在校验最优性（第 ${progress.round} 轮）` : `已安排 ${Math.min(progress.augmentations, progress.seats)} / ${progress.seats} 个评审席位`}，用时 {seconds} 秒
      </Typography.Text>
    </Space>
  );
}
