import { Button, Empty, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { apiGet } from '../api/client';
import type { PublicHome } from '../../contract/public';
import { fmtDate, fmtTime } from '../shared/format';
import { editionNumberLabel } from '../shared/labels';
import { Panel } from '../shared/Panel';
import { winnerView } from './winners';

// The public entry page. Deliberately built from light antd parts only:
// it is the first page most visitors load.

const SYSTEM_NAME = '临沂市市长质量奖管理系统';

export default function HomePage() {
  const navigate = useNavigate();
  const home = useQuery({
    queryKey: ['public', 'home'],
    queryFn: ({ signal }) => apiGet<PublicHome>('/api/public/home', signal),
  });
  const data = home.data;
  const awardName = data?.awardName ?? '临沂市市长质量奖';

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header
        style={{ background: '#1f3a68', color: '#fff', padding: '12px 24px', display: 'flex', alignItems: 'center' }}
      >
        <span style={{ fontSize: 18, fontWeight: 600 }}>{SYSTEM_NAME}</span>
        <span style={{ flex: 1 }} />
        <Button
          type="primary"
          href="/register"
          style={{ marginInlineEnd: 8 }}
          onClick={(e) => {
            e.preventDefault();
            navigate('/register');
          }}
        >
          申报注册
        </Button>
        <Button
          href="/login"
          onClick={(e) => {
            e.preventDefault();
            navigate('/login');
          }}
        >
          登录
        </Button>
      </header>
      <main style={{ maxWidth: 960, margin: '0 auto', padding: 24 }}>
        <Typography.Title level={1} style={{ textAlign: 'center', marginBottom: 24 }}>
          {awardName}
        </Typography.Title>

        {home.isError ? (
          <Panel style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="danger" role="alert">
              {home.error instanceof Error ? home.error.message : '加载失败'}
            </Typography.Paragraph>
            <Button onClick={() => void home.refetch()}>重试</Button>
          </Panel>
        ) : null}

        <section aria-labelledby="call-title">
          <Panel title="申报通知" titleId="call-title" style={{ marginBottom: 16 }}>
            {home.isPending ? (
              <Skeleton active />
            ) : data?.currentCall ? (
              <div>
                <Typography.Title level={3} style={{ marginTop: 0 }}>
                  {data.currentCall.editionName}
                </Typography.Title>
                <Typography.Paragraph type="secondary">
                  {editionNumberLabel(data.currentCall.number)} · {data.currentCall.year}年度 · 发布时间：
                  {fmtTime(data.currentCall.callPublishedAt)}
                </Typography.Paragraph>
                <Typography.Paragraph strong>
                  申报截止：<span data-testid="application-deadline">{fmtDate(data.currentCall.applicationDeadline)}</span>
                </Typography.Paragraph>
                <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }} data-testid="call-text">
                  {data.currentCall.callText}
                </div>
              </div>
            ) : (
              <Empty description="暂无正在进行的申报" />
            )}
          </Panel>
        </section>

        <section aria-labelledby="notices-title">
          <Panel title="公示" titleId="notices-title" style={{ marginBottom: 16 }}>
            {home.isPending ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : data && data.notices.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {data.notices.map((n) => (
                  <li key={n.id} style={{ marginBottom: 8 }}>
                    <Typography.Link
                      strong
                      href={`/notices/${n.id}`}
                      data-testid="notice-link"
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/notices/${n.id}`);
                      }}
                    >
                      {n.title}
                    </Typography.Link>
                    <Typography.Text type="secondary">
                      （公示期：{fmtDate(n.startsOn)} 至 {fmtDate(n.endsOn)}）
                    </Typography.Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty description="暂无公示" />
            )}
          </Panel>
        </section>

        <section aria-labelledby="winners-title">
          <Panel title="获奖名单" titleId="winners-title">
            {home.isPending ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : data && data.winners.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {data.winners.map((w) => {
                  // A revoked award stays listed, struck through and marked, never as a plain winner.
                  const view = winnerView(w);
                  return (
                    <li key={w.id} data-testid={view.badge ? 'winner-revoked' : 'winner'}>
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
            ) : (
              <Empty description="暂无获奖名单" />
            )}
            <div style={{ marginTop: 12 }}>
              <Typography.Link
                href="/winners"
                data-testid="winners-link"
                onClick={(e) => {
                  e.preventDefault();
                  navigate('/winners');
                }}
              >
                查看历届获奖名单
              </Typography.Link>
            </div>
          </Panel>
        </section>
      </main>
      <footer style={{ textAlign: 'center', color: '#888', padding: 24 }}>临沂市质量强市工作领导小组办公室</footer>
    </div>
  );
}
