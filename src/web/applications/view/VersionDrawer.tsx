import { Alert, Drawer, Skeleton } from 'antd';
import type { Application } from '../../api/types';
import { fmtTime } from '../../shared/format';
import { QueryError } from '../../shared/QueryError';
import { useApplicationVersion } from '../api';
import { FormView } from './FormView';

/** A past submitted version of the application, read-only, in a drawer. */
export function VersionDrawer({ app, version, onClose }: { app: Application; version: number | null; onClose: () => void }) {
  const query = useApplicationVersion(app.id, version);
  const submittedAt = query.data?.submittedAt ?? app.versions.find((v) => v.version === version)?.submittedAt;
  return (
    <Drawer
      open={version !== null}
      onClose={onClose}
      size={960}
      destroyOnHidden
      title={version !== null ? `第 ${version} 版（提交于 ${fmtTime(submittedAt)}）` : null}
    >
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="以下为该版本提交时的申报内容，只读。" />
          <FormView app={app} form={query.data.form} fileIds={query.data.fileIds} />
        </>
      )}
    </Drawer>
  );
}
