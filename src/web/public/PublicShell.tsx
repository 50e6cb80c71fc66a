import type { ReactNode } from 'react';
import { Button } from 'antd';
import { useNavigate } from 'react-router';

/** The frame of the public pages (no login): the system's name linking home, and the content. */
export function PublicShell({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const go = (path: string) => (e: { preventDefault(): void }) => {
    e.preventDefault();
    navigate(path);
  };
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header style={{ background: '#1f3a68', color: '#fff', padding: '12px 24px', display: 'flex', alignItems: 'center', gap: 8 }}>
        <a href="/" onClick={go('/')} style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
          临沂市市长质量奖管理系统
        </a>
        <span style={{ flex: 1 }} />
        <Button href="/winners" onClick={go('/winners')}>
          历届获奖名单
        </Button>
        <Button href="/login" onClick={go('/login')}>
          登录
        </Button>
      </header>
      <main style={{ maxWidth: 960, margin: '0 auto', padding: 24 }}>{children}</main>
      <footer style={{ textAlign: 'center', color: '#888', padding: 24 }}>临沂市质量强市工作领导小组办公室</footer>
    </div>
  );
}
