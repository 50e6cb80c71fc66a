import { Table, Typography } from 'antd';
import { diffRows, type DiffRow } from '../../domain/audit/diff-rows';

/** A value as compact JSON; "（无）" when the side has nothing. */
function Value({ value }: { value: unknown }) {
  if (value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>;
  if (value === null) return <Typography.Text type="secondary">空</Typography.Text>;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return <pre style={{ margin: 0, maxHeight: 200, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{text}</pre>;
}

/** The before and after of one audit record side by side; changed keys highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffRows(before, after);
  if (rows.length === 0) return <Typography.Text type="secondary">此记录未保存变更内容。</Typography.Text>;
  const changed = rows.filter((r) => r.changed).length;
  return (
    <div data-testid="audit-diff">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        共 {rows.length} 项，其中 {changed} 项有变化（高亮显示）。
      </Typography.Paragraph>
      <Table<DiffRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        onRow={(r) => (r.changed ? { style: { background: '#fffbe6' }, 'data-changed': 'true' } : {})}
        columns={[
          { title: '字段', dataIndex: 'key', width: 180, render: (k: string, r) => (r.changed ? <Typography.Text strong>{k}</Typography.Text> : k) },
          { title: '变更前', key: 'before', render: (_: unknown, r) => <Value value={r.before} /> },
          { title: '变更后', key: 'after', render: (_: unknown, r) => <Value value={r.after} /> },
        ]}
      />
    </div>
  );
}
