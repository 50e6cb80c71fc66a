import type { ReactNode } from 'react';
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { Application } from '../api/types';
import { fmtDate, fmtTime } from '../shared/format';
import { STATE_META } from '../../domain/lifecycle/states';
import { KIND_LABELS, stateColor } from './labels';

/** Name, state, edition and dates of an application, with the outcome reason made prominent. */
export function ApplicationHeader({ app, extra }: { app: Application; extra?: ReactNode }) {
  const outcomeTitle = STATE_META[app.state].reasonLabel;
  return (
    <Card style={{ marginBottom: 16 }}>
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {app.name}
        </Typography.Title>
        <Tag color={stateColor(app.state)} data-testid="application-state">
          {app.stateLabel}
        </Tag>
        {extra}
      </Space>
      {outcomeTitle && app.outcomeReason ? (
        <Alert
          type={STATE_META[app.state].tone === 'warning' ? 'warning' : 'error'}
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={`${outcomeTitle}：${app.outcomeReason}`}
          description={app.state === 'returned' && app.correctionDueOn ? `请于 ${fmtDate(app.correctionDueOn)} 前补正后重新提交。` : undefined}
          data-testid="outcome-reason"
        />
      ) : null}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'edition', label: '届次', children: app.editionName },
          { key: 'kind', label: '申报类型', children: KIND_LABELS[app.kind] ?? app.kind },
          { key: 'code', label: app.kind === 'unit' ? '统一社会信用代码' : '身份证号码', children: app.identityCode },
          { key: 'county', label: '所在县区', children: app.countyName ?? '—' },
          { key: 'deadline', label: '申报截止', children: fmtDate(app.applicationDeadline) },
          { key: 'submittedAt', label: '提交时间', children: fmtTime(app.submittedAt) },
          ...(app.correctionDueOn ? [{ key: 'correction', label: '补正期限', children: fmtDate(app.correctionDueOn) }] : []),
        ]}
      />
    </Card>
  );
}
