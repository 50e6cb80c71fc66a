import { lazy, Suspense } from 'react';
import { Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { CASE_KIND_LABELS, CASE_OUTCOME_LABELS, CASE_STATUS_LABELS, type CaseDetail } from '../../contract/supervision';
import { fmtSize } from '../applications/api';
import { fmtTime } from '../shared/format';
import { QueryError } from '../shared/QueryError';
import { caseFileUrl, useCase } from './api';
import { CaseSteps } from './CaseSteps';
import { CaseTimeline } from './CaseTimeline';
import { STATUS_COLOURS } from './labels';
import { RecoveryCard } from './RecoveryCard';

const DisqualificationsCard = lazy(() => import('./DisqualificationsCard'));

/** One supervision case: who it is about, what happened so far, the evidence, and the steps the reader may take. */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const query = useCase(id);
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  return (
    <div>
      <div>
        <Link to="/supervision">
          <ArrowLeftOutlined /> 返回案件列表
        </Link>
      </div>
      <Space align="center" wrap style={{ marginTop: 12, marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-reference">
          {c.reference}
        </Typography.Title>
        <Tag color={STATUS_COLOURS[c.status]} data-testid="case-status">
          {CASE_STATUS_LABELS[c.status]}
        </Tag>
        {c.outcome ? (
          <Tag color="purple" data-testid="case-outcome">
            {CASE_OUTCOME_LABELS[c.outcome]}
          </Tag>
        ) : null}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title="案件概况">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="类型">{CASE_KIND_LABELS[c.kind]}</Descriptions.Item>
                <Descriptions.Item label="届次">{c.editionName}</Descriptions.Item>
                <Descriptions.Item label="对象">
                  {c.subjectName}
                  {c.staffUnit ? `（${c.staffUnit}）` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="立案">{fmtTime(c.openedAt)}</Descriptions.Item>
                {c.ground ? (
                  <Descriptions.Item label="撤销情形" span={2}>
                    <Typography.Text strong>{c.ground.article}</Typography.Text> {c.ground.label}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            </Card>
            <CaseSteps detail={c} />
            <CaseTimeline detail={c} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <EvidenceCard detail={c} />
            <RecoveryCard detail={c} />
          </Space>
        </Col>
      </Row>
      {c.kind === 'expert' && c.outcome === 'expert_disqualified' ? (
        // What setting the expert's scores aside changed in the edition's results (Art. 26).
        <Card size="small" title="取消专家评审资格前后的评审结果" style={{ marginTop: 16 }}>
          <Suspense fallback={<Skeleton active />}>
            <DisqualificationsCard editionId={c.editionId} />
          </Suspense>
        </Card>
      ) : null}
    </div>
  );
}

function EvidenceCard({ detail }: { detail: CaseDetail }) {
  return (
    <Card size="small" title={`证据材料（${detail.files.length}）`} data-testid="case-files">
      {detail.files.length === 0 ? (
        <Typography.Text type="secondary">暂无证据材料</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {detail.files.map((f) => (
            <li key={f.id} style={{ padding: '4px 0', display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              <PaperClipOutlined />
              <a href={caseFileUrl(detail.id, f.id)} target="_blank" rel="noreferrer">
                {f.name}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmtSize(f.size)} · {fmtTime(f.uploadedAt)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
