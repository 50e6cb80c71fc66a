import { Button, Card, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useExpertWork } from './api';

/** The expert's workbench card: what waits for them in the technical review, and the way there. */
export function ExpertWorkSummary() {
  const work = useExpertWork();
  let text: string;
  if (work.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (work.isError) text = '暂时无法读取评审任务，请打开“评审任务”页面查看。';
  else {
    const editions = work.data.editions;
    const unsigned = editions.filter((e) => !e.committed).length;
    const tasks = editions.flatMap((e) => e.tasks);
    const toScore = tasks.filter((t) => t.open && t.scorebook !== 'submitted').length;
    const toConsent = tasks.filter((t) => t.open && t.isLeader && t.scorebook === 'submitted' && t.consensus !== 'submitted').length;
    const parts = [
      unsigned ? `${unsigned} 届待签署保密和回避承诺` : '',
      toScore ? `${toScore} 项待评分` : '',
      toConsent ? `${toConsent} 项待形成组内一致意见` : '',
    ].filter(Boolean);
    text = parts.length ? `您有 ${parts.join('，')}。` : editions.length ? '当前没有待完成的评分。' : '暂无评审任务。评审机构分组后会通知您。';
  }
  return (
    <Card title="技术评审任务" style={{ marginBottom: 16 }} data-testid="expert-work-summary">
      <Typography.Paragraph>{text}</Typography.Paragraph>
      <Link to="/expert">
        <Button type="primary">进入我的评审任务</Button>
      </Link>
    </Card>
  );
}
