import { useState } from 'react';
import { Alert, Button, Card, Collapse, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { ScorebookPage as Page } from '../../../contract/technical-scoring';
import type { ScorebookItems } from '../../../domain/scoring/scorebook-totals';
import { useMe } from '../../api/client';
import { KIND_LABELS } from '../../applications/labels';
import { fmtTime } from '../../shared/format';
import { QueryError } from '../../shared/QueryError';
import { EXPERT_WORK_KEY, scorebookKey, useExpertWork, useScorebookPage } from '../api';
import { allMembersSubmitted, consensusStart } from './draft';
import { EditableScorebook } from './EditableScorebook';
import type { ItemSpread } from './ItemRow';
import { AggregateTable, PanelScorebooks } from './PanelResults';
import { ScorebookForm } from './ScorebookForm';

const STATUS_TAGS = { draft: <Tag color="processing">评分中</Tag>, submitted: <Tag color="success">已提交</Tag> } as const;

function spreadsOf(page: Page): Record<string, ItemSpread> | undefined {
  if (!page.aggregate) return undefined;
  return Object.fromEntries(page.aggregate.items.map((i) => [i.code, { mean: i.mean, min: i.min, max: i.max, spread: i.spread, flagged: i.flagged }]));
}

/**
 * One application's scorebook at one stage (SPEC §5): the expert scores and submits, then sees
 * the panel; the group leader forms the consensus. The agency opens it read-only.
 */
export default function ScorebookPage() {
  const { id = '', stage = '' } = useParams();
  const me = useMe();
  const isExpert = me.data?.user.roles.includes('expert') ?? false;
  const query = useScorebookPage(id, stage);
  const work = useExpertWork(isExpert);
  const queryClient = useQueryClient();
  // Bumped on reload so the editors start again from the stored scorebooks.
  const [generation, setGeneration] = useState(0);

  if (query.isPending || me.isPending || (isExpert && work.isPending)) return <Skeleton active />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const page = query.data;
  // Art. 24: nothing of an edition before its commitment. The tasks list hides the link; a
  // scorebook opened by its address is held back here too.
  if (isExpert && work.data && !work.data.editions.some((e) => e.committed && e.tasks.some((t) => t.applicationId === id && t.stage === stage))) {
    const uncommitted = work.data.editions.find((e) => !e.committed);
    return (
      <Result
        status="warning"
        title="请先签署保密和回避承诺"
        subTitle="签署本届的保密和回避承诺后，才能查看评审任务和评分表。"
        extra={
          <Link to={uncommitted ? `/expert/editions/${uncommitted.editionId}/commitment` : '/expert'}>
            <Button type="primary">{uncommitted ? '阅读并签署承诺' : '返回我的评审任务'}</Button>
          </Link>
        }
      />
    );
  }

  const cache = (answer: Page) => {
    const before = queryClient.getQueryData<Page>(scorebookKey(id, stage));
    queryClient.setQueryData(scorebookKey(id, stage), answer);
    if (before?.mine?.status !== answer.mine?.status || before?.consensus?.status !== answer.consensus?.status) {
      void queryClient.invalidateQueries({ queryKey: EXPERT_WORK_KEY });
    }
  };
  const reload = async () => {
    await query.refetch();
    setGeneration((g) => g + 1);
  };

  return (
    <div>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Link to={isExpert ? '/expert' : '/technical'}>
          <ArrowLeftOutlined /> {isExpert ? '返回我的评审任务' : '返回技术评审'}
        </Link>
        <Link to={`/applications/${page.applicationId}`} data-testid="application-materials">
          <FolderOpenOutlined /> 查看申报材料
        </Link>
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {page.applicationName}
          </Typography.Title>
          <Tag color="blue">{page.stageLabel}</Tag>
          <Tag>{KIND_LABELS[page.kind] ?? page.kind}</Tag>
          {page.isLeader ? <Tag color="gold">组长</Tag> : null}
          {page.open ? <Tag color="processing">评分进行中</Tag> : <Tag>本环节已结束</Tag>}
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          评分模板：{page.template.name}（满分 {page.template.total} 分）。每个条款按 5% 的步长给出得分率，条款得分 = 分值 × 得分率。申报材料仅供评审使用，查看和下载均有记录。
        </Typography.Paragraph>
        <div style={{ marginTop: 8 }} data-testid="panel-members">
          <Typography.Text type="secondary">本组成员：</Typography.Text>
          <Space wrap size={4}>
            {page.members.map((m) => (
              <span key={m.expertId}>
                {m.name}
                {m.isLeader ? '（组长）' : ''} {m.status ? STATUS_TAGS[m.status] : <Tag>未开始</Tag>}
              </span>
            ))}
          </Space>
        </div>
      </Card>

      {isExpert ? <MySection page={page} generation={generation} onPage={cache} onReload={() => void reload()} /> : null}

      {page.panelHidden ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="panel-hidden" message="提交本人评分后，才能看到本组其他专家的评分和汇总结果。" />
      ) : (
        <>
          <PanelScorebooks page={page} />
          {page.aggregate ? <AggregateTable page={page} aggregate={page.aggregate} /> : null}
        </>
      )}

      <ConsensusSection page={page} generation={generation} onPage={cache} onReload={() => void reload()} />
    </div>
  );
}

interface SectionProps {
  page: Page;
  generation: number;
  onPage: (page: Page) => void;
  onReload: () => void;
}

/** The caller's own scorebook: the editor while open and not submitted, else locked. */
function MySection({ page, generation, onPage, onReload }: SectionProps) {
  const mine = page.mine;
  if (mine?.status === 'submitted') {
    return (
      <div style={{ marginBottom: 16 }}>
        <Alert type="success" showIcon data-testid="scorebook-submitted" message={`您已于 ${fmtTime(mine.submittedAt)} 提交评分，总分 ${mine.total}，评分表已锁定。`} style={{ marginBottom: 8 }} />
        <Collapse
          items={[
            {
              key: 'mine',
              label: '查看本人评分',
              children: <ScorebookForm template={page.template} items={mine.items as ScorebookItems} withEvidence={page.stage === 'onsite'} variant="scorebook" />,
            },
          ]}
        />
      </div>
    );
  }
  if (!page.open) {
    return (
      <div style={{ marginBottom: 16 }}>
        <Alert type="warning" showIcon message={`${page.stageLabel}已结束，评分不能再修改。`} style={{ marginBottom: 8 }} />
        {mine ? <ScorebookForm template={page.template} items={mine.items as ScorebookItems} withEvidence={page.stage === 'onsite'} variant="scorebook" /> : null}
      </div>
    );
  }
  return (
    <Card title="本人评分" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">修改后约 1 秒自动保存。全部条款评分后点击“提交评分”，提交后不能再修改。</Typography.Paragraph>
      <EditableScorebook
        key={`mine-${generation}`}
        page={page}
        kind="mine"
        initialItems={(mine?.items ?? {}) as ScorebookItems}
        initialRevision={mine?.revision ?? 0}
        onPage={onPage}
        onReload={onReload}
      />
    </Card>
  );
}

/** The leader's consensus once every member submitted; the finished consensus for everyone who may see it. */
function ConsensusSection({ page, generation, onPage, onReload }: SectionProps) {
  const consensus = page.consensus;
  const spreads = spreadsOf(page);
  const withEvidence = page.stage === 'onsite';
  if (consensus?.status === 'submitted' || (consensus && !page.isLeader)) {
    return (
      <Card title="组内一致意见" style={{ marginBottom: 16 }} data-testid="consensus-view">
        <Typography.Paragraph type="secondary">
          {consensus.status === 'submitted' ? `组长 ${consensus.expertName} 于 ${fmtTime(consensus.submittedAt)} 提交，总分 ${consensus.total}。` : `组长 ${consensus.expertName} 正在形成一致意见（未提交）。`}
        </Typography.Paragraph>
        <ScorebookForm template={page.template} items={consensus.items as ScorebookItems} withEvidence={withEvidence} spreads={spreads} variant="consensus" />
      </Card>
    );
  }
  if (!page.isLeader) return null;
  const waiting = page.members.filter((m) => m.status !== 'submitted');
  if (page.mine?.status !== 'submitted' || !allMembersSubmitted(page.members)) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="consensus-waiting"
        message="组内一致意见"
        description={`您是本组组长。全体成员提交独立评分后，您可以在这里形成组内一致意见。尚未提交：${waiting.map((m) => m.name).join('、') || '无'}。`}
      />
    );
  }
  if (!page.open) return <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`${page.stageLabel}已结束，不能再形成组内一致意见。`} />;
  return (
    <Card title="组内一致意见（组长）" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        {consensus ? '继续编辑已保存的一致意见。' : '已按各条款独立评分的平均得分率（取最接近的 5% 档）预填，请组内讨论后调整。'}
        每个条款旁显示独立评分的极差，分歧较大的条款已标出。
      </Typography.Paragraph>
      <EditableScorebook
        key={`consensus-${generation}`}
        page={page}
        kind="consensus"
        initialItems={consensus ? (consensus.items as ScorebookItems) : consensusStart(page.aggregate)}
        initialRevision={consensus?.revision ?? 0}
        startDirty={!consensus}
        spreads={spreads}
        onPage={onPage}
        onReload={onReload}
      />
    </Card>
  );
}
