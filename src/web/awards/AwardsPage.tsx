import { DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, List, Space, Spin, Tag, Typography, Button } from 'antd';
import type { WinnerAwards } from '../../contract/awards';
import { USAGE_STATUS_LABELS } from '../../domain/awards/prize-money';
import { fmtDate } from '../shared/format';
import { QueryError } from '../shared/QueryError';
import { certificatePdfUrl, feedbackPdfUrl, useMyAwards } from '../decision/awards/api';
import { WinnerLedger } from '../decision/awards/AwardsTab';
import { UsageReportForm } from './UsageReportForm';

/** The applicant's awards: its certificates, what it received, the prize money's use report, and its feedback reports. */
export default function AwardsPage() {
  const query = useMyAwards();
  if (query.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const { winners, feedback } = query.data;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        获奖与反馈
      </Typography.Title>
      {winners.length === 0 ? <Card><Empty description="暂无获奖记录" /></Card> : winners.map((w) => <WinnerCard key={w.winnerId} winner={w} />)}
      <Card title="反馈报告">
        <List
          locale={{ emptyText: '强市办发布反馈报告后，可在此下载本单位（本人）的反馈报告。' }}
          dataSource={feedback}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button key="pdf" icon={<DownloadOutlined />} href={feedbackPdfUrl(f.applicationId)} download>
                  下载反馈报告
                </Button>,
              ]}
            >
              <List.Item.Meta title={f.editionName} description={f.name} />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}

function WinnerCard({ winner }: { winner: WinnerAwards }) {
  return (
    <Card
      title={
        <Space>
          <span>{winner.awardLabel}</span>
          {winner.revokedAt ? <Tag>已撤销</Tag> : <Tag color="red">获奖</Tag>}
        </Space>
      }
      extra={
        winner.certificate ? (
          <Space>
            <Button icon={<DownloadOutlined />} href={certificatePdfUrl(winner.winnerId)} download>
              下载证书
            </Button>
            <Button type="link" icon={<LinkOutlined />} href={winner.certificate.verifyPath} target="_blank" rel="noreferrer">
              核验页
            </Button>
          </Space>
        ) : null
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="获奖者">{winner.name}</Descriptions.Item>
        <Descriptions.Item label="证书编号">{winner.certificate ? <Typography.Text copyable>{winner.certificate.serial}</Typography.Text> : '尚未颁发'}</Descriptions.Item>
        <Descriptions.Item label="颁发日期">{fmtDate(winner.certificate?.issuedOn)}</Descriptions.Item>
        <Descriptions.Item label="已领取">{winner.items.filter((i) => i.issuedOn && !i.recoveredOn).map((i) => i.label).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="奖金使用报告">
          <Tag color={winner.money.overdue ? 'red' : undefined}>{USAGE_STATUS_LABELS[winner.money.status]}</Tag>
        </Descriptions.Item>
      </Descriptions>
      {winner.revokedAt ? null : <UsageReportForm winner={winner} />}
      {winner.payments.length > 0 || winner.reports.length > 0 ? (
        <div style={{ marginTop: 24 }}>
          <WinnerLedger winner={winner} />
        </div>
      ) : null}
    </Card>
  );
}
