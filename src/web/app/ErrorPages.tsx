import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Spin, Typography } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';

// Loaded with the entry chunk, so kept to light antd parts (no Result illustrations).

export function PageSpin() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }} aria-busy="true">
      <Spin />
    </div>
  );
}

/** A lazy chunk that failed to load (new deploy, network) needs a full reload, not a re-render. */
function isChunkLoadError(error: unknown): boolean {
  const msg = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically|Failed to fetch/i.test(msg);
}

export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const detail =
    error instanceof Error ? error.message : isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : '';
  return (
    <div role="alert" style={{ padding: '64px 24px', textAlign: 'center' }}>
      <Typography.Title level={3}>出错了</Typography.Title>
      <Typography.Paragraph type="secondary">页面运行时发生错误，请重试；如果问题持续存在，请联系系统管理员。</Typography.Paragraph>
      {detail ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {detail}
        </Typography.Paragraph>
      ) : null}
      <Button type="primary" onClick={onRetry}>
        重试
      </Button>{' '}
      <Button href="/">返回首页</Button>
    </div>
  );
}

/** Route-level error element (errors thrown while rendering outside the shell's own boundary). */
export function RouteError() {
  const error = useRouteError();
  return <ErrorPanel error={error} onRetry={() => window.location.reload()} />;
}

interface BoundaryProps {
  children: ReactNode;
  /** Runs before a retry re-renders the page (e.g. drops cached data that made it crash). */
  onReset?: () => void;
}
interface BoundaryState {
  error: unknown;
}

/** Catches render errors of a page inside the shell, so header and menu stay usable. */
export class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error ?? new Error('未知错误') };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Page crashed', error, info.componentStack);
  }

  private retry = () => {
    if (isChunkLoadError(this.state.error)) window.location.reload();
    else {
      this.props.onReset?.();
      this.setState({ error: null });
    }
  };

  render() {
    if (this.state.error) return <ErrorPanel error={this.state.error} onRetry={this.retry} />;
    return this.props.children;
  }
}
