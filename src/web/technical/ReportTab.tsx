import { Alert, App, Button, Card, Col, Collapse, Descriptions, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SendOutlined, WarningOutlined } from '@ant-design/icons';
import { ApiError, apiPost } from '../api/client';
import { APPLICANT_KIND_LABELS, TECHNICAL_STAGE_LABELS, type ReportRow, type ReportSection, type TechnicalStage } from '../../contract/technical-report';
import { errorWithFields } from '../shared/formErrors';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';
import { editionBase, useReport, useTechnicalMutation, type ReportAnswer } from './api';
import { RadarChart } from './RadarChart';

const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

/** The technical results report (Art. 8): the draft for the agency, the submitted one for both; downloads and the submission. */
export default function ReportTab({ editionId, isAgency }: { editionId: string; isAgency: boolean }) {
  const report = useReport(editionId);
  const { modal, message } = App.useApp();
  const submit = useTechnicalMutation(editionId, () => apiPost<ReportAnswer>(`${editionBase(editionId)}/report`));

  if (report.isPending) return <Spin tip="正在生成结果报告…"><div style={{ height: 160 }} /></Spin>;
  if (report.isError) {
    if (!isAgency && report.error instanceof ApiError && report.error.status === 404) {
      return <Result status="info" title="第三方评价机构尚未报送技术评审结果" subTitle="机构报送后，可在此查看和下载结果报告。" data-testid="report-not-submitted" />;
    }
    return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  }
  const { submittedAt, report: r } = report.data;
  const base = editionBase(editionId);
  const empty = r.sections.every((s) => s.rows.length === 0);

  const confirmSubmit = () =>
    modal.confirm({
      title: '报送强市办',
      content: '报送后，最后环节的全部申报记为技术评审完成，结果报告不能再修改。是否报送？',
      okText: '报送',
      cancelText: '取消',
      onOk: async () => {
        try {
          await submit.mutateAsync(undefined);
          message.success('技术评审结果已报送强市办');
        } catch (err) {
          message.error(errorWithFields(err));
        }
      },
    });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${r.edition.name}技术评审结果报告`}
        extra={submittedAt ? <Tag color="green">已报送</Tag> : <Tag color="orange">草稿</Tag>}
        data-testid="report-card"
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'agency', label: '评价机构', children: r.agencyName },
            { key: 'generated', label: '生成时间', children: fmtTime(r.generatedAt) },
            { key: 'submitted', label: '报送时间', children: <span data-testid="report-submitted-at">{submittedAt ? fmtTime(submittedAt) : '尚未报送'}</span> },
          ]}
        />
        {r.notes.length ? (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title="说明" description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{r.notes.map((n) => <li key={n}>{n}</li>)}</ul>} />
        ) : null}
        <Space wrap style={{ marginTop: 16 }}>
          <Button icon={<DownloadOutlined />} href={`${base}/report.pdf`} download data-testid="report-pdf">
            下载 PDF
          </Button>
          <Button icon={<DownloadOutlined />} href={`${base}/report.xlsx`} download data-testid="report-xlsx">
            下载 Excel
          </Button>
          {isAgency && !submittedAt ? (
            <Button type="primary" icon={<SendOutlined />} onClick={confirmSubmit} loading={submit.isPending} disabled={empty} title={empty ? '还没有可报送的评审结果' : undefined} data-testid="report-submit">
              报送强市办
            </Button>
          ) : null}
        </Space>
      </Card>
      {empty ? <Alert type="info" showIcon title="还没有完成评分的申报，报告暂无内容" /> : null}
      {r.sections.map((s) => (
        <ReportSectionCard key={s.kind} section={s} stages={r.stages} />
      ))}
    </Space>
  );
}

function ReportSectionCard({ section, stages }: { section: ReportSection; stages: TechnicalStage[] }) {
  return (
    <Card title={`${APPLICANT_KIND_LABELS[section.kind]}类（${section.rows.length} 项）`} size="small" data-testid={`report-section-${section.kind}`}>
      <Table<ReportRow>
        rowKey="applicationId"
        size="small"
        dataSource={section.rows}
        pagination={false}
        scroll={{ x: 700 + 90 * (stages.length + section.categories.length) }}
        onRow={(row) => ({ 'data-testid': `report-row-${row.applicationId}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60, fixed: 'left' },
          { title: '申报者', dataIndex: 'applicantName', width: 200, fixed: 'left' },
          { title: '技术评审得分', dataIndex: 'raw', width: 100, align: 'right', render: (v: number) => <strong>{num(v)}</strong> },
          { title: '校准后', dataIndex: 'calibrated', width: 90, align: 'right', render: (v: number | null) => num(v) },
          ...stages.map((st) => ({
            title: TECHNICAL_STAGE_LABELS[st],
            key: `stage-${st}`,
            width: 90,
            align: 'right' as const,
            render: (_: unknown, row: ReportRow) => num(row.stageScores[st]?.raw),
          })),
          ...section.categories.map((c) => ({
            title: `${c.name}（${c.points}）`,
            key: `cat-${c.code}`,
            width: 90,
            align: 'right' as const,
            render: (_: unknown, row: ReportRow) => num(row.categoryScores[c.code]),
          })),
          { title: '提示', key: 'flags', width: 100, render: (_: unknown, row: ReportRow) => (row.disagreement ? <Tag color="red" icon={<WarningOutlined />}>评分分歧</Tag> : null) },
        ]}
      />
      {section.rows.length ? (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'radar',
              label: '各申报者类目得分雷达图（与本组别均值对比）',
              children: (
                <Row gutter={[16, 16]}>
                  {section.rows.map((row) => (
                    <Col key={row.applicationId} xs={24} md={12} xl={8}>
                      <Typography.Text strong>
                        {row.rank}. {row.applicantName}
                      </Typography.Text>
                      <RadarChart section={section} row={row} height={280} />
                    </Col>
                  ))}
                </Row>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
