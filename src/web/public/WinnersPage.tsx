import { Empty, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { PublicArchive } from '../../contract/notice';
import { apiGet } from '../api/client';
import { fmtDate } from '../shared/format';
import { editionNumberLabel } from '../shared/labels';
import { Panel } from '../shared/Panel';
import { PublicShell } from './PublicShell';
import { winnerView } from './winners';

/** The archive of published results, newest edition first; a revoked award is struck through and marked. */
export default function WinnersPage() {
  const archive = useQuery({ queryKey: ['public', 'archive'], queryFn: ({ signal }) => apiGet<PublicArchive>('/api/public/archive', signal) });
  return (
    <PublicShell>
      <Typography.Title level={2}>历届获奖名单</Typography.Title>
      <Typography.Paragraph type="secondary">
        被撤销的奖项以删除线和“已撤销”标明，撤销决定见 <Link to="/revocations" data-testid="revocations-link">撤销奖项公告</Link>。
      </Typography.Paragraph>
      {archive.isPending ? (
        <Skeleton active />
      ) : archive.isError ? (
        <Typography.Paragraph type="danger" role="alert">
          {archive.error instanceof Error ? archive.error.message : '加载失败'}
        </Typography.Paragraph>
      ) : archive.data.editions.length === 0 ? (
        <Empty description="暂无已公布的获奖名单" />
      ) : (
        archive.data.editions.map((e) => (
          <section key={e.editionId} aria-labelledby={`edition-${e.editionId}`}>
            <Panel title={`${e.editionName}（${editionNumberLabel(e.number)} · ${e.year}年度）`} titleId={`edition-${e.editionId}`} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary">公布日期：{fmtDate(e.resultsPublishedAt.slice(0, 10))}</Typography.Paragraph>
              {e.winners.length === 0 ? (
                <Empty description="本届无获奖者" />
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {e.winners.map((w) => {
                    const view = winnerView({ ...w, editionName: '' });
                    return (
                      <li key={w.id} data-testid={view.badge ? 'winner-revoked' : 'winner'} style={{ marginBottom: 6 }}>
                        <Typography.Text delete={view.badge !== null}>{view.text}</Typography.Text>
                        {view.badge ? (
                          <Tag color="red" style={{ marginInlineStart: 8 }}>
                            {view.badge}
                          </Tag>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </Panel>
          </section>
        ))
      )}
    </PublicShell>
  );
}
