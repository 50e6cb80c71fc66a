import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { SURVEY_STATUS_LABELS, type SurveyOverview, type SurveyRow, type SurveyStatus } from '../../../contract/survey';
import { QueryError } from '../../shared/QueryError';
import { errorWithFields } from '../../shared/formErrors';
import { useCloseSurvey, useSurveyOverview } from './api';
import { IssueCodesModal } from './IssueCodesModal';
import { OpenSurveysForm } from './OpenSurveysForm';

const STATUS_COLORS: Record<SurveyStatus, string> = { pending: 'default', open: 'processing', ended: 'warning', closed: 'success' };
const fmtScore = (s: number | null) => (s === null ? '—' : s.toFixed(2));
const fmtRate = (r: number | null) => (r === null ? '未发放' : `${(r * 100).toFixed(1)}%`);

/**
 * The office's satisfaction survey of an edition (社会满意度测评, Art. 16): open the surveys,
 * issue codes per respondent group, follow the responses, close each survey with its score.
 */
export default function SurveyTab({ editionId }: { editionId: string }) {
  const overview = useSurveyOverview(editionId);
  const [issuing, setIssuing] = useState<{ surveyId: string; name: string } | null>(null);

  if (overview.isPending) return <Skeleton active />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => overview.refetch()} />;
  const data = overview.data;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="survey-tab">
      {data.eligible.length > 0 ? <OpenSurveysForm editionId={editionId} eligible={data.eligible} /> : null}
      <Card title="满意度测评进度" extra={<Typography.Text type="secondary">{`${data.scale} 级量表，每组建议不少于 ${data.minResponsesPerGroup} 份答卷`}</Typography.Text>}>
        {data.items.length === 0 ? (
          <Empty description={data.eligible.length ? '尚未开展测评：请在上方选择候选对象和测评期' : '尚无完成技术评审的申报'} />
        ) : (
          <SurveyTable editionId={editionId} data={data} onIssue={setIssuing} />
        )}
      </Card>
      <IssueCodesModal editionId={editionId} survey={issuing} onClose={() => setIssuing(null)} />
    </Space>
  );
}

function SurveyTable({ editionId, data, onIssue }: { editionId: string; data: SurveyOverview; onIssue: (s: { surveyId: string; name: string }) => void }) {
  const { modal, message } = AntApp.useApp();
  const close = useCloseSurvey(editionId);
  const responses = (row: SurveyRow) => row.groups.reduce((n, g) => n + g.responses, 0);

  const confirmClose = (row: SurveyRow) => {
    const thin = row.groups.filter((g) => g.weight > 0 && g.thin).map((g) => g.label);
    modal.confirm({
      title: `结束“${row.name}”的满意度测评？`,
      content: (
        <>
          <p>{`当前得分 ${fmtScore(row.score)}，共 ${responses(row)} 份答卷。结束后得分即确定，不能再答卷或发放测评码，此操作不可撤销。`}</p>
          {thin.length ? <p style={{ color: '#d48806' }}>{`注意：${thin.join('、')}的答卷少于 ${data.minResponsesPerGroup} 份。`}</p> : null}
        </>
      ),
      okText: '结束测评',
      cancelText: '取消',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const res = await close.mutateAsync(row.surveyId);
          message.success(`测评已结束，满意度得分 ${fmtScore(res.score)}`);
        } catch (err) {
          message.error(errorWithFields(err));
        }
      },
    });
  };

  return (
    <Table<SurveyRow>
      rowKey="surveyId"
      dataSource={data.items}
      pagination={false}
      scroll={{ x: 900 }}
      size="middle"
      columns={[
        { title: '候选对象', dataIndex: 'name', fixed: 'left', width: 200 },
        { title: '测评期', key: 'period', width: 200, render: (_, r) => `${r.opensOn} 至 ${r.closesOn}` },
        { title: '状态', dataIndex: 'status', width: 110, render: (s: SurveyStatus) => <Tag color={STATUS_COLORS[s]}>{SURVEY_STATUS_LABELS[s]}</Tag> },
        ...data.items[0].groups.map((g, i) => ({
          title: `${g.label}（权重 ${Math.round(g.weight * 100)}%）`,
          key: g.group,
          width: 170,
          render: (_: unknown, r: SurveyRow) => {
            const s = r.groups[i];
            return (
              <div data-testid={`survey-${r.applicationId}-${s.group}`}>
                <div>
                  <Typography.Text type={s.issued > 0 && s.thin ? 'warning' : undefined}>{`回收 ${s.responses} / 发放 ${s.issued}`}</Typography.Text>
                </div>
                <Typography.Text type="secondary">{`回收率 ${fmtRate(s.rate)} · 得分 ${fmtScore(s.score)}`}</Typography.Text>
              </div>
            );
          },
        })),
        {
          title: '满意度得分',
          key: 'score',
          width: 120,
          render: (_, r) => (
            <Tooltip title={r.status === 'closed' ? '已确定' : '按目前答卷计算，结束测评时确定'}>
              <Typography.Text strong={r.status === 'closed'}>{fmtScore(r.score)}</Typography.Text>
            </Tooltip>
          ),
        },
        {
          title: '操作',
          key: 'actions',
          fixed: 'right',
          width: 200,
          render: (_, r) => {
            const closed = r.status === 'closed';
            const none = responses(r) === 0;
            return (
              <Space size="small">
                <Tooltip title={closed ? '测评已结束' : undefined}>
                  <Button size="small" disabled={closed} onClick={() => onIssue({ surveyId: r.surveyId, name: r.name })}>
                    发放测评码
                  </Button>
                </Tooltip>
                <Tooltip title={closed ? '测评已结束' : none ? '尚未收到答卷，不能结束' : undefined}>
                  <Button size="small" danger disabled={closed || none} loading={close.isPending && close.variables === r.surveyId} onClick={() => confirmClose(r)}>
                    结束测评
                  </Button>
                </Tooltip>
              </Space>
            );
          },
        },
      ]}
    />
  );
}
