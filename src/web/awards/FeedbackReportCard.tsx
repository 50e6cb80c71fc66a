import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { feedbackPdfUrl, useMyAwards } from '../decision/awards/api';

/** On the applicant's own application: its feedback report, once the office released it. */
export function FeedbackReportCard({ applicationId }: { applicationId: string }) {
  const query = useMyAwards();
  if (!query.data?.feedback.some((f) => f.applicationId === applicationId)) return null;
  return (
    <Card size="small" title="反馈报告" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">评审组对各评分条款的优势与改进机会，以及各类目得分与同组别分布的对比。</Typography.Paragraph>
      <Button type="primary" icon={<DownloadOutlined />} href={feedbackPdfUrl(applicationId)} download>
        下载反馈报告
      </Button>
    </Card>
  );
}
