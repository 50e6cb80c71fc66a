import { Suspense, useRef, useState } from 'react';
import { App as AntApp, Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { apiPost, forgetSession, useMe } from '../api/client';
import { roleLabel } from '../shared/labels';
import { QueryError } from '../shared/QueryError';
import { InboxBadge } from '../inbox/InboxBadge';
import { mayOpenPage, pageOf } from '../../domain/pages';
import { ErrorBoundary, PageSpin } from './ErrorPages';
import { ForbiddenPage } from './ForbiddenPage';
import { menuItemsFor, selectedMenuKey } from './menu';

export const SYSTEM_NAME = '临沂市市长质量奖管理系统';

/** The signed-in shell: header, role-aware menu, page area. Doubles as the route guard. */
export default function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [loggingOut, setLoggingOut] = useState(false);
  // Below 768px (phones) the header keeps only short labels and icons so it fits in one line.
  const narrow = !Grid.useBreakpoint().md;
  // After an explicit logout the login page must not send the user back to this page.
  const loggedOut = useRef(false);

  if (me.isPending) return <PageSpin />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const state = loggedOut.current ? null : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  const { user } = me.data;
  // The route guard: a page the roles may not use answers 403 instead of a page of failing buttons.
  const page = pageOf(location.pathname);
  const forbidden = page !== null && !mayOpenPage(user.roles, page);

  const logout = async () => {
    setLoggingOut(true);
    try {
      await apiPost<void>('/api/auth/logout');
    } catch {
      // The session is dropped locally either way.
    } finally {
      setLoggingOut(false);
      loggedOut.current = true;
      // Dropping the user makes the guard above redirect to /login.
      forgetSession(queryClient);
      message.success('已退出登录');
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: narrow ? 8 : 16, paddingInline: narrow ? 12 : 24, background: '#1f3a68' }}
      >
        <Link
          to="/workbench"
          title={SYSTEM_NAME}
          style={{ color: '#fff', fontSize: narrow ? 16 : 18, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}
        >
          {narrow ? '市长质量奖' : SYSTEM_NAME}
        </Link>
        <div style={{ flex: 1 }} />
        <Space size={narrow ? 4 : 'middle'} wrap={false} style={{ color: '#fff', flexShrink: 0 }}>
          <InboxBadge compact={narrow} />
          <Link to="/account" data-testid="current-user" title="账号设置" aria-label={`账号设置（${user.displayName}）`} style={{ color: '#fff', whiteSpace: 'nowrap' }}>
            <UserOutlined /> {narrow ? null : user.displayName}
          </Link>
          {narrow ? null : (
            <span>
              {user.roles.map((r) => (
                <Tag key={r} color="blue" style={{ marginInlineEnd: 4 }}>
                  {roleLabel(r)}
                </Tag>
              ))}
            </span>
          )}
          <Button size="small" icon={<LogoutOutlined />} loading={loggingOut} onClick={logout} aria-label="退出登录">
            {narrow ? null : '退出登录'}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              selectedKeys={[selectedMenuKey(location.pathname)]}
              items={menuItemsFor(user.roles)}
              onClick={({ key }) => navigate(key)}
              style={{ height: '100%', borderInlineEnd: 0 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          {user.organisationName ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
              所属机构：{user.organisationName}
            </Typography.Text>
          ) : null}
          <ErrorBoundary
            key={location.pathname}
            // Refetch everything but the session: the crash may come from data now fixed on the server.
            onReset={() => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })}
          >
            <Suspense fallback={<PageSpin />}>{forbidden ? <ForbiddenPage /> : <Outlet />}</Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>
        {SYSTEM_NAME} · 临沂市质量强市工作领导小组办公室
      </Layout.Footer>
    </Layout>
  );
}
