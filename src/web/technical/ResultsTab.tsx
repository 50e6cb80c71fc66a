import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Collapse, Input, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { StageResults } from '../../contract/technical-scoring';
import { APPLICANT_KIND_LABELS, type TechnicalStage } from '../../contract/technical-report';
import { formatDisplayDate } from '../../domain/display-time';
import { errorWithFields } from '../shared/formErrors';
import { QueryError } from '../shared/QueryError';
import { advancementDecision, changedRows, decidableRows } from './advancement';
import { recordDecision, useResults, useTechnicalMutation } from './api';

type Section = StageResults['sections'][number];
type Row = Section['rows'][number];

const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
const METHOD_LABELS: Record<string, string> = { mean: '算术平均', trimmed_mean: '去掉最高最低后平均', leader_consensus: '组长一致意见' };

/** A stage's results beside raw and calibrated scores, and the agency's advancement decision over the proposal. */
export function ResultsTab({ editionId, stage, canDecide }: { editionId: string; stage: TechnicalStage; canDecide: boolean }) {
  const results = useResults(editionId, stage);
  const { modal, message } = App.useApp();
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const decide = useTechnicalMutation(editionId, (body: Parameters<typeof recordDecision>[1]) => recordDecision(editionId, body));

  const decidable = useMemo(() => decidableRows(results.data), [results.data]);
  useEffect(() => {
    setChosen(Object.fromEntries(decidable.map((r) => [r.applicationId, r.advances === true])));
    setReasons({});
  }, [decidable]);

  if (results.isPending) return <Spin tip="正在计算评审结果…"><div style={{ height: 160 }} /></Spin>;
  if (results.isError) return <QueryError error={results.error} onRetry={() => void results.refetch()} />;
  const r = results.data;
  const changed = changedRows(decidable, chosen);
  const greyZone = decidable.filter((row) => row.inGreyZone).length;
  const missingReason = changed.filter((row) => !reasons[row.applicationId]?.trim());
  const deciding = canDecide && !r.final && decidable.length > 0;
  const advancing = decidable.filter((row) => chosen[row.applicationId]).length;

  const submit = () =>
    modal.confirm({
      title: '记录晋级决定',
      content: `${advancing} 项晋级，${decidable.length - advancing} 项不晋级${changed.length ? `（其中 ${changed.length} 项与建议不同）` : ''}。决定记录后不可撤销，是否继续？`,
      okText: '记录决定',
      cancelText: '取消',
      onOk: async () => {
        try {
          await decide.mutateAsync(advancementDecision(decidable, chosen, reasons, formatDisplayDate(new Date()), r.stageLabel));
          message.success('晋级决定已记录');
        } catch (err) {
          message.error(errorWithFields(err));
        }
      },
    });

  const ruleText = [r.rule.top !== null ? `每类前 ${r.rule.top} 名晋级` : null, r.rule.minScore !== null ? `不低于 ${r.rule.minScore} 分` : null].filter(Boolean).join('，');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        汇总方法：{METHOD_LABELS[r.method] ?? r.method}。{r.final ? '本环节为技术评审最后环节，结果随结果报告报送强市办。' : `晋级规则：${ruleText || '按规则版本'}；分界线附近 ${r.rule.greyZonePoints} 分以内为待定区，请人工确认。`}
      </Typography.Paragraph>
      {r.sections.length === 0 ? <Alert type="info" showIcon title={`${r.stageLabel}还没有评审结果`} /> : null}
      {r.sections.map((s) => (
        <SectionTable key={s.kind} section={s} stage={stage} deciding={deciding} chosen={chosen} onChoose={(id, v) => setChosen((c) => ({ ...c, [id]: v }))} />
      ))}
      <Calibration calibration={r.calibration} />
      {deciding ? (
        <Card title="晋级决定" size="small" data-testid="advancement-card">
          {greyZone ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${greyZone} 项申报处于分界线附近的待定区（黄色底色），请逐项确认是否晋级`} /> : null}
          {changed.length ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text>以下申报与晋级建议不同，请逐项说明理由：</Typography.Text>
              {changed.map((row) => (
                <Input
                  key={row.applicationId}
                  addonBefore={`${row.name}（${chosen[row.applicationId] ? '改为晋级' : '改为不晋级'}）`}
                  value={reasons[row.applicationId] ?? ''}
                  onChange={(e) => setReasons((x) => ({ ...x, [row.applicationId]: e.target.value }))}
                  maxLength={2000}
                  status={reasons[row.applicationId]?.trim() ? undefined : 'error'}
                  placeholder="必填：调整理由"
                />
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">当前勾选与晋级建议一致。</Typography.Text>
          )}
          <div style={{ marginTop: 12 }}>
            <Tooltip title={missingReason.length ? '请为与建议不同的申报填写理由' : undefined}>
              <Button type="primary" onClick={submit} disabled={missingReason.length > 0} loading={decide.isPending} data-testid="advancement-submit">
                记录晋级决定（{advancing} 项晋级）
              </Button>
            </Tooltip>
          </div>
        </Card>
      ) : null}
    </Space>
  );
}

function SectionTable({ section, stage, deciding, chosen, onChoose }: { section: Section; stage: TechnicalStage; deciding: boolean; chosen: Record<string, boolean>; onChoose: (id: string, v: boolean) => void }) {
  return (
    <Card
      title={`${APPLICANT_KIND_LABELS[section.kind]}类`}
      size="small"
      extra={section.cutOff !== null ? <Typography.Text type="secondary">分界分数 {num(section.cutOff)}</Typography.Text> : null}
      data-testid={`results-section-${section.kind}`}
    >
      <Table<Row>
        rowKey="applicationId"
        size="small"
        dataSource={section.rows}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(row) => ({ 'data-testid': `results-row-${row.applicationId}`, style: row.inGreyZone ? { background: '#fffbe6' } : undefined }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '—' },
          { title: '申报', dataIndex: 'name', render: (v: string, row) => <Link to={`/scorebooks/${row.applicationId}/${stage}`}>{v}</Link> },
          { title: '状态', dataIndex: 'stateLabel', width: 110 },
          { title: '已评/组员', key: 'submitted', width: 90, render: (_, row) => <span style={{ color: row.submitted < row.members ? '#d46b08' : undefined }}>{row.submitted}/{row.members}</span> },
          { title: '原始均分', dataIndex: 'rawMean', width: 90, align: 'right', render: (v: number | null) => num(v) },
          { title: '汇总得分', dataIndex: 'score', width: 90, align: 'right', render: (v: number | null) => <strong>{num(v)}</strong> },
          { title: '校准后', dataIndex: 'calibrated', width: 90, align: 'right', render: (v: number | null) => num(v) },
          {
            title: '提示',
            key: 'flags',
            width: 170,
            render: (_, row) => (
              <Space size={[0, 4]} wrap>
                {row.disagreement ? <Tag color="red" icon={<WarningOutlined />}>评分分歧</Tag> : null}
                {row.inGreyZone ? <Tag color="gold">待定区</Tag> : null}
                {row.tiedAtCut ? <Tag color="purple">分界并列</Tag> : null}
                {row.members === 0 ? <Tag>未分配评审组</Tag> : row.submitted < row.members ? <Tag color="orange">评分未完成</Tag> : null}
              </Space>
            ),
          },
          {
            title: deciding ? '晋级' : '建议',
            key: 'advance',
            width: 90,
            render: (_, row) =>
              row.advances === null ? (
                '—'
              ) : deciding ? (
                <Checkbox checked={chosen[row.applicationId] ?? false} onChange={(e) => onChoose(row.applicationId, e.target.checked)} aria-label={`${row.name}晋级`}>
                  {chosen[row.applicationId] !== row.advances ? <Typography.Text type="warning">已调整</Typography.Text> : null}
                </Checkbox>
              ) : row.advances ? (
                <Tag color="green">晋级</Tag>
              ) : (
                <Tag>不晋级</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Calibration({ calibration }: { calibration: StageResults['calibration'] }) {
  if (!calibration.ok) return <Alert type="warning" showIcon title="未进行宽严校准" description={calibration.reason ?? undefined} data-testid="calibration-note" />;
  if (calibration.experts.length === 0) return null;
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'offsets',
          label: `专家宽严校准（${calibration.experts.length} 位专家；正值表示评分偏宽）`,
          children: (
            <Table
              rowKey="expertId"
              size="small"
              pagination={calibration.experts.length > 20 ? { pageSize: 20 } : false}
              dataSource={[...calibration.experts].sort((a, b) => b.offset - a.offset)}
              data-testid="calibration-offsets"
              columns={[
                { title: '专家', dataIndex: 'name' },
                { title: '偏移（分）', dataIndex: 'offset', align: 'right', render: (v: number) => (v > 0 ? `+${v.toFixed(1)}` : v.toFixed(1)) },
                { title: '评分份数', dataIndex: 'count', align: 'right' },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
