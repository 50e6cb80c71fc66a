import { Card, Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { FileReadList } from '../../../contract/files';
import { roleLabels } from '../../shared/labels';
import { fmtTime } from '../../shared/format';
import { QueryError } from '../../shared/QueryError';

/** The office's record of who read this application's materials and when (Art. 24). */
export function FileReadsCard({ applicationId }: { applicationId: string }) {
  const query = useQuery({ queryKey: ['applications', applicationId, 'file-reads'], queryFn: () => api<FileReadList>(`/api/applications/${applicationId}/file-reads`) });
  return (
    <Card title="材料查阅记录" size="small" style={{ marginBottom: 16 }} data-testid="file-reads" extra={<Link to={`/access-log?applicationId=${applicationId}`}>按查阅人和时间筛选、导出</Link>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        每一次下载都有记录，用于核查申报方商业秘密的知悉范围（第二十四条）。
      </Typography.Paragraph>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data && query.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无查阅记录" />
      ) : (
        <Table
          size="small"
          rowKey={(r) => `${r.fileId}-${r.at}-${r.reader}`}
          loading={query.isPending}
          dataSource={query.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => fmtTime(v) },
            { title: '查阅人', key: 'reader', render: (_, r) => `${r.reader}（${roleLabels(r.readerRoles)}）` },
            { title: '文件', dataIndex: 'fileName', ellipsis: true },
          ]}
        />
      )}
    </Card>
  );
}
