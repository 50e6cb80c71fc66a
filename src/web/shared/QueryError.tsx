import { Button, Result } from 'antd';
import { ApiError } from '../api/client';

/** Full-width failure state for a page whose data did not load, with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.status === 403) {
    return <Result status="403" title="无权访问" subTitle={error.message} />;
  }
  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="对象不存在" subTitle="您访问的内容不存在或无权查看" />;
  }
  const msg = error instanceof Error ? error.message : '未知错误';
  return (
    <Result
      status="error"
      title="出错了"
      subTitle={msg}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        ) : null
      }
    />
  );
}
