import { Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { fmtDate, fmtTime } from '../shared/format';
import { ExportButtons } from '../review/ExportButtons';
import { EDITION_STATUS_COLORS, EDITION_STATUS_LABELS, editionNumberLabel } from '../shared/labels';
import { QueryError } from '../shared/QueryError';
import { useEdition } from './api';
import { CloseButton, PhaseCard } from './EditionActions';
import { PublishCallForm } from './PublishCallForm';
import { SCHEDULE_FIELDS, ScheduleForm } from './ScheduleForm';


export default function EditionDetailPage() {
  const { id = '' } = useParams();
  const edition = useEdition(id);

  if (edition.isPending) return <Skeleton active />;
  if (edition.isError) return <QueryError error={edition.error} onRetry={() => void edition.refetch()} />;
  const e = edition.data;

  return (
    <div>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Link to="/editions">
          <ArrowLeftOutlined /> 返回届次列表
        </Link>
        {e.status !== 'draft' ? (
          <Space wrap>
            <Link to={`/editions/${e.id}/qualification`}>资格审查矩阵</Link>
            <ExportButtons editionId={e.id} />
          </Space>
        ) : null}
      </Space>
      <Card
        title={
          <Space>
            <span>{e.name}</span>
            <Tag color={EDITION_STATUS_COLORS[e.status]}>{EDITION_STATUS_LABELS[e.status] ?? e.status}</Tag>
          </Space>
        }
        extra={e.abilities.close ? <CloseButton edition={e} /> : null}
        style={{ marginBottom: 16 }}
      >
        <PhaseCard edition={e} />
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'number', label: '届次', children: editionNumberLabel(e.number) },
            { key: 'year', label: '年度', children: e.year },
            { key: 'status', label: '状态', children: EDITION_STATUS_LABELS[e.status] ?? e.status },
            { key: 'profile', label: '规则版本', children: e.profileName, span: 2 },
            { key: 'opensOn', label: '开启日期', children: fmtDate(e.opensOn) },
            { key: 'callPublishedAt', label: '通知发布时间', children: fmtTime(e.callPublishedAt) },
            { key: 'createdAt', label: '创建时间', children: fmtTime(e.createdAt) },
          ]}
        />
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          日程
        </Typography.Title>
        {e.schedule ? (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={SCHEDULE_FIELDS.map((f) => ({ key: f.name, label: f.label, children: fmtDate(e.schedule?.[f.name]) }))}
          />
        ) : (
          <Typography.Text type="secondary">尚未设置日程</Typography.Text>
        )}
        {e.callText && !e.abilities.publishCall ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              申报通知
            </Typography.Title>
            <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>{e.callText}</div>
          </>
        ) : null}
      </Card>
      {e.abilities.setSchedule ? <ScheduleForm key={`${e.id}:${JSON.stringify(e.schedule)}`} edition={e} /> : null}
      {e.abilities.publishCall ? <PublishCallForm key={`${e.id}:${e.callPublishedAt ?? ''}:${e.schedule?.applicationDeadline ?? ''}`} edition={e} /> : null}
    </div>
  );
}
