import { Descriptions, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { fmtDate } from '../shared/format';
import { Panel } from '../shared/Panel';
import { usePublicRevocations } from '../supervision/api';
import { PublicShell } from './PublicShell';

/** The public announcements of revoked awards (Art. 28–29): what the government decided, never the facts or evidence. */
export default function RevocationsPage() {
  const list = usePublicRevocations();
  return (
    <PublicShell>
      <Typography.Title level={2}>撤销奖项公告</Typography.Title>
      <Typography.Paragraph type="secondary">
        获奖单位或个人有《临沂市市长质量奖管理办法》第二十八条、第二十九条所列情形的，经查证属实，由市政府撤销其奖项并向社会公告。另见 <Link to="/winners">历届获奖名单</Link>。
      </Typography.Paragraph>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <Typography.Paragraph type="danger" role="alert">
          {list.error instanceof Error ? list.error.message : '加载失败'}
        </Typography.Paragraph>
      ) : list.data.items.length === 0 ? (
        <Empty description="暂无撤销公告" />
      ) : (
        list.data.items.map((r) => (
          <section key={r.reference} data-testid="revocation" style={{ marginBottom: 16 }}>
            <Panel title={`关于撤销${r.winnerName}${r.awardLabel}的公告`}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
                <Descriptions.Item label="获奖者">{r.winnerName}</Descriptions.Item>
                <Descriptions.Item label="奖项">
                  {r.editionName} · {r.awardLabel}
                </Descriptions.Item>
                <Descriptions.Item label="依据">{r.groundArticle ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="决定文号">{r.documentNumber ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="决定日期">{fmtDate(r.decidedOn)}</Descriptions.Item>
                <Descriptions.Item label="公告日期">{fmtDate(r.announcedOn)}</Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.announcement}</Typography.Paragraph>
            </Panel>
          </section>
        ))
      )}
    </PublicShell>
  );
}
