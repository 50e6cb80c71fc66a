import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Table, Tag, Timeline, Typography } from 'antd';
import type { Application, QualificationReview } from '../../api/types';
import { fmtDate, fmtTime } from '../../shared/format';
import { fileUrl } from '../api';
import { REVIEW_STATUS_COLORS, REVIEW_STATUS_LABELS } from '../labels';
import { VersionDrawer } from './VersionDrawer';

export function ReviewStatusTag({ status }: { status: QualificationReview['status'] }) {
  return <Tag color={REVIEW_STATUS_COLORS[status] ?? 'default'}>{REVIEW_STATUS_LABELS[status] ?? status}</Tag>;
}

export function CountyOpinionCard({ app }: { app: Application }) {
  const o = app.countyOpinion;
  if (!o) return null;
  return (
    <Card title="县区推荐意见" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'r', label: '意见', children: o.recommend ? <Tag color="success">推荐</Tag> : <Tag color="error">不推荐</Tag> },
          { key: 's', label: '签署人', children: o.signer },
          { key: 'd', label: '签署日期', children: fmtDate(o.signedOn) },
          { key: 'o', label: '推荐意见', children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.opinion}</span>, span: 3 },
        ]}
      />
    </Card>
  );
}

export function QualificationCard({ app }: { app: Application }) {
  const q = app.qualification;
  if (!q) return null;
  return (
    <Card title="资格审查" extra={<Typography.Text type="secondary">审查期限：{fmtDate(q.dueOn)}</Typography.Text>} style={{ marginBottom: 16 }}>
      <Table<QualificationReview>
        rowKey="departmentId"
        size="small"
        pagination={false}
        dataSource={q.reviews}
        columns={[
          { title: '审查部门', dataIndex: 'departmentName', key: 'dept', width: 140 },
          { title: '结论', key: 'status', width: 110, render: (_: unknown, r) => <ReviewStatusTag status={r.status} /> },
          {
            title: '理由',
            key: 'reasons',
            render: (_: unknown, r) => (
              <span style={{ whiteSpace: 'pre-wrap' }}>
                {r.reasons ?? '—'}
                {r.overruledReason ? <div style={{ color: '#722ed1' }}>否决理由：{r.overruledReason}</div> : null}
              </span>
            ),
          },
          {
            title: '佐证材料',
            key: 'evidence',
            width: 100,
            render: (_: unknown, r) => (r.evidenceFileId ? <a href={fileUrl(r.evidenceFileId)} target="_blank" rel="noreferrer">下载</a> : '—'),
          },
          { title: '出具时间', key: 'decidedAt', width: 170, render: (_: unknown, r) => fmtTime(r.decidedAt) },
        ]}
      />
    </Card>
  );
}

export function HistoryCard({ app }: { app: Application }) {
  return (
    <Card title="办理记录" size="small" style={{ marginBottom: 16 }}>
      {app.history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无办理记录" />
      ) : (
        <Timeline
          items={app.history.map((h, i) => ({
            key: i,
            title: fmtTime(h.at),
            content: (
              <div>
                <div>
                  {h.fromLabel} → <strong>{h.toLabel}</strong>
                  {h.actorName ? <Typography.Text type="secondary">（{h.actorName}）</Typography.Text> : null}
                </div>
                {h.reason ? <div style={{ whiteSpace: 'pre-wrap', color: '#595959' }}>理由：{h.reason}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

export function VersionsCard({ app }: { app: Application }) {
  const [open, setOpen] = useState<number | null>(null);
  if (app.versions.length === 0) return null;
  return (
    <Card title="历次提交版本" size="small" style={{ marginBottom: 16 }}>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {app.versions.map((v) => (
          <li key={v.version}>
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setOpen(v.version)}>
              第 {v.version} 版
            </Button>{' '}
            · {fmtTime(v.submittedAt)}
          </li>
        ))}
      </ul>
      <VersionDrawer app={app} version={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
