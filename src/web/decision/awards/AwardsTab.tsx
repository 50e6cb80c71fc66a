import { CheckCircleOutlined, DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Empty, Popconfirm, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { WinnerAwards } from '../../../contract/awards';
import { formatFen, USAGE_STATUS_LABELS } from '../../../domain/awards/prize-money';
import { KIND_OF, PRIZE_PURPOSE_LABELS, type PrizePurpose } from '../../../domain/profile/decision-settings';
import type { ApplicantKind } from '../../../domain/profile/schema';
import { errorWithFields } from '../../shared/formErrors';
import { fmtDate, fmtTime } from '../../shared/format';
import { QueryError } from '../../shared/QueryError';
import { certificatePdfUrl, feedbackPdfUrl, useEditionAwards, useReleaseFeedback } from './api';
import { WinnerTaskModal, type WinnerTask } from './WinnerModals';

const STATUS_COLOURS: Record<WinnerAwards['money']['status'], string> = { not_paid: 'default', awaiting: 'blue', partial: 'gold', reported: 'green', overdue: 'red' };

/** The office's tab of an edition's winners (Art. 19–22): certificates, items handed over, prize money and its use, feedback reports. */
export default function AwardsTab({ editionId }: { editionId: string }) {
  const { message } = App.useApp();
  const query = useEditionAwards(editionId);
  const release = useReleaseFeedback(editionId);
  const [task, setTask] = useState<{ winner: WinnerAwards; task: WinnerTask } | null>(null);

  if (query.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  const overdue = data.winners.filter((w) => w.money.overdue);

  const columns = [
    {
      title: '获奖者',
      key: 'name',
      render: (_: unknown, w: WinnerAwards) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{w.name}</Typography.Text>
          <Space size={4}>
            <Tag color={w.category === 'award' ? 'red' : 'orange'}>{w.awardLabel}</Tag>
            {w.revokedAt ? <Tag color="default">已撤销 {fmtDate(w.revokedAt)}</Tag> : null}
          </Space>
        </Space>
      ),
    },
    {
      title: '证书',
      key: 'certificate',
      render: (_: unknown, w: WinnerAwards) =>
        w.certificate ? (
          <Space direction="vertical" size={2}>
            <Typography.Text copyable code>
              {w.certificate.serial}
            </Typography.Text>
            <Space size={4}>
              <Button size="small" icon={<DownloadOutlined />} href={certificatePdfUrl(w.winnerId)} download>
                下载证书
              </Button>
              <Button size="small" type="link" icon={<LinkOutlined />} href={w.certificate.verifyPath} target="_blank" rel="noreferrer">
                核验页
              </Button>
            </Space>
          </Space>
        ) : (
          <Typography.Text type="secondary">尚未颁发</Typography.Text>
        ),
    },
    {
      title: '奖杯、奖牌与证书',
      key: 'items',
      render: (_: unknown, w: WinnerAwards) => (
        <Space direction="vertical" size={4}>
          {w.items.map((item) => (
            <Space key={item.kind} size={4} wrap>
              {item.issuedOn ? <CheckCircleOutlined style={{ color: item.recoveredOn ? '#8c8c8c' : '#52c41a' }} /> : null}
              <span>{item.label}</span>
              {item.issuedOn ? (
                <Typography.Text type="secondary">
                  {fmtDate(item.issuedOn)} {item.receivedBy} 领取{item.recoveredOn ? `，${fmtDate(item.recoveredOn)} 已收回` : ''}
                </Typography.Text>
              ) : null}
              {!item.issuedOn ? (
                <Tooltip title={w.revokedAt ? '奖项已撤销，不能再颁发' : undefined}>
                  <Button size="small" disabled={!!w.revokedAt} onClick={() => setTask({ winner: w, task: { type: 'item', kind: item.kind } })}>
                    登记颁发
                  </Button>
                </Tooltip>
              ) : null}
              {item.issuedOn && !item.recoveredOn && w.revokedAt ? (
                <Button size="small" danger onClick={() => setTask({ winner: w, task: { type: 'recover', kind: item.kind } })}>
                  登记收回
                </Button>
              ) : null}
            </Space>
          ))}
        </Space>
      ),
    },
    {
      title: '奖金（元）',
      key: 'money',
      render: (_: unknown, w: WinnerAwards) => (
        <Space direction="vertical" size={2}>
          <span>应发 {formatFen(w.money.dueFen)}</span>
          <span>已拨付 {formatFen(w.money.paidFen)}</span>
          <span>已报告使用 {formatFen(w.money.reportedFen)}</span>
          <Button size="small" onClick={() => setTask({ winner: w, task: { type: 'payment' } })}>
            登记拨付
          </Button>
        </Space>
      ),
    },
    {
      title: '使用报告',
      key: 'usage',
      render: (_: unknown, w: WinnerAwards) => (
        <Space direction="vertical" size={2}>
          <Tag color={STATUS_COLOURS[w.money.status]}>{USAGE_STATUS_LABELS[w.money.status]}</Tag>
          {w.money.reportDueOn ? <Typography.Text type={w.money.overdue ? 'danger' : 'secondary'}>应于 {fmtDate(w.money.reportDueOn)} 前报告</Typography.Text> : null}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label="获奖者">{data.winners.length} 个</Descriptions.Item>
        <Descriptions.Item label="奖金使用报告期限">首次拨付后 {data.usageReportMonths} 个月（第二十一条）</Descriptions.Item>
        <Descriptions.Item label="反馈报告">
          {data.feedbackReleasedAt ? (
            <Tag color="green">已于 {fmtTime(data.feedbackReleasedAt)} 发布</Tag>
          ) : (
            <Popconfirm
              title="发布反馈报告"
              description="发布后，进入材料评审的每个申报者都可以下载本单位（本人）的反馈报告。发布不可撤回。"
              okText="发布"
              cancelText="取消"
              onConfirm={() =>
                release.mutateAsync().then(
                  () => message.success('反馈报告已发布'),
                  (error) => message.error(errorWithFields(error)),
                )
              }
            >
              <Button type="primary" size="small" loading={release.isPending}>
                发布反馈报告
              </Button>
            </Popconfirm>
          )}
        </Descriptions.Item>
      </Descriptions>
      {overdue.length > 0 ? <Alert type="error" showIcon title={`${overdue.length} 个获奖者逾期未报告奖金使用情况`} description={overdue.map((w) => w.name).join('、')} /> : null}
      <Table<WinnerAwards>
        rowKey="winnerId"
        columns={columns}
        dataSource={data.winners}
        pagination={false}
        locale={{ emptyText: <Empty description="本届尚未公布获奖者；公布后在此颁发证书、登记奖励和奖金" /> }}
        onRow={(w) => ({ style: w.money.overdue ? { background: '#fff1f0' } : undefined })}
        expandable={{
          rowExpandable: (w) => w.payments.length > 0 || w.reports.length > 0,
          expandedRowRender: (w) => <WinnerLedger winner={w} />,
        }}
        scroll={{ x: 960 }}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        反馈报告（进入材料评审的申报者，共 {data.feedback.length} 个）
      </Typography.Title>
      <Table
        size="small"
        rowKey="applicationId"
        pagination={data.feedback.length > 20 ? { pageSize: 20 } : false}
        dataSource={data.feedback}
        locale={{ emptyText: '尚无进入材料评审的申报者' }}
        columns={[
          { title: '申报者', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', render: (v: string) => KIND_OF[v as ApplicantKind] ?? v },
          {
            title: '反馈报告',
            key: 'pdf',
            render: (_: unknown, f: { applicationId: string }) => (
              <Button size="small" icon={<DownloadOutlined />} href={feedbackPdfUrl(f.applicationId)} download>
                下载
              </Button>
            ),
          },
        ]}
      />
      {task ? <WinnerTaskModal winner={task.winner} task={task.task} onClose={() => setTask(null)} /> : null}
    </Space>
  );
}

/** A winner's payments and usage reports, line by line. */
export function WinnerLedger({ winner }: { winner: WinnerAwards }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>拨付记录</Typography.Text>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={winner.payments}
        locale={{ emptyText: '暂无拨付' }}
        columns={[
          { title: '日期', dataIndex: 'paidOn', render: (v: string) => fmtDate(v) },
          { title: '金额（元）', dataIndex: 'amountFen', align: 'right' as const, render: (v: number) => formatFen(v) },
          { title: '凭证号', dataIndex: 'reference' },
        ]}
      />
      <Typography.Text strong>使用报告</Typography.Text>
      <Table
        size="small"
        rowKey={(r) => `${r.reportId}-${r.index}`}
        pagination={false}
        locale={{ emptyText: '暂无报告' }}
        dataSource={winner.reports.flatMap((r) => r.lines.map((line, index) => ({ ...line, reportId: r.id, index, reportedAt: r.reportedAt })))}
        columns={[
          { title: '报告时间', dataIndex: 'reportedAt', render: (v: string) => fmtTime(v) },
          { title: '用途', dataIndex: 'purpose', render: (v: string) => PRIZE_PURPOSE_LABELS[v as PrizePurpose] ?? v },
          { title: '金额（元）', dataIndex: 'amountFen', align: 'right' as const, render: (v: number) => formatFen(v) },
          { title: '说明', dataIndex: 'description' },
        ]}
      />
    </Space>
  );
}
