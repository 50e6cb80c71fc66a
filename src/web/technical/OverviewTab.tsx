import { Alert, App, Button, Card, Col, Descriptions, Progress, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { TechnicalOverview } from '../../contract/technical';
import { errorWithFields } from '../shared/formErrors';
import { fmtTime } from '../shared/format';
import { apiPost } from '../api/client';
import { editionBase, useTechnicalMutation } from './api';

/** Where each stage stands, the pool, the report; and the start of the review. */
export function OverviewTab({ overview, onOpen }: { overview: TechnicalOverview; onOpen: (tab: 'panels' | 'results' | 'report', stage?: string) => void }) {
  const { modal, message } = App.useApp();
  const start = useTechnicalMutation(overview.editionId, () => apiPost<TechnicalOverview>(`${editionBase(overview.editionId)}/start`));
  const { pool } = overview;

  const confirmStart = () =>
    modal.confirm({
      title: '开始技术评审',
      content: `将 ${overview.qualified} 项资格审查通过的申报转入技术评审（${overview.stages[0]?.label ?? '材料评审'}）。此操作不可撤销，是否继续？`,
      okText: '开始技术评审',
      cancelText: '取消',
      onOk: async () => {
        try {
          await start.mutateAsync(undefined);
          message.success('技术评审已开始');
        } catch (err) {
          message.error(errorWithFields(err));
        }
      },
    });

  const noPool = pool.available === 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {overview.qualified > 0 ? (
        <Alert
          type="info"
          showIcon
          title={`有 ${overview.qualified} 项申报已通过资格审查，等待开始技术评审`}
          description={noPool ? '专家库中还没有可参加评审的专家，请先到专家库添加专家。' : '开始后即可自动分配评审组。'}
          action={
            <Tooltip title={noPool ? '专家库中没有可用专家' : undefined}>
              <Button type="primary" onClick={confirmStart} loading={start.isPending} disabled={noPool} data-testid="technical-start">
                开始技术评审
              </Button>
            </Tooltip>
          }
        />
      ) : null}
      <Row gutter={[16, 16]}>
        {overview.stages.map((s) => (
          <Col key={s.stage} xs={24} md={12} xl={8}>
            <Card
              title={s.label}
              data-testid={`stage-card-${s.stage}`}
              extra={<Typography.Text type="secondary">{s.state}</Typography.Text>}
              actions={[
                <Button key="panels" type="link" onClick={() => onOpen('panels', s.stage)}>
                  评审组
                </Button>,
                <Button key="results" type="link" onClick={() => onOpen('results', s.stage)}>
                  评审结果
                </Button>,
              ]}
            >
              <Statistic title="本环节申报" value={s.applications} suffix="项" />
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">已分配评审组</Typography.Text>
                <Progress percent={s.applications ? Math.round((Math.min(s.assigned, s.applications) / s.applications) * 100) : 0} format={() => `${s.assigned}/${s.applications}`} />
                <Typography.Text type="secondary">已有专家提交评分</Typography.Text>
                <Progress percent={s.applications ? Math.round((Math.min(s.scored, s.applications) / s.applications) * 100) : 0} format={() => `${s.scored}/${s.applications}`} status="normal" />
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="专家库" extra={<Link to="/experts">管理专家库</Link>} data-testid="overview-pool">
            <Descriptions
              size="small"
              column={3}
              items={[
                { key: 'experts', label: '专家', children: `${pool.experts} 位` },
                { key: 'available', label: '可用', children: `${pool.available} 位` },
                { key: 'committed', label: '已签承诺书', children: `${pool.committed} 位` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="结果报告" extra={<Button type="link" onClick={() => onOpen('report')}>查看报告</Button>} data-testid="overview-report">
            <Descriptions
              size="small"
              column={3}
              items={[
                { key: 'reviewed', label: '已完成技术评审', children: `${overview.reviewed} 项` },
                { key: 'notAdvanced', label: '未晋级', children: `${overview.notAdvanced} 项` },
                { key: 'submitted', label: '报送强市办', children: overview.reportSubmittedAt ? fmtTime(overview.reportSubmittedAt) : '尚未报送' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
