import { Alert, Col, Row, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useMe } from '../api/client';
import { FileReadsCard } from './view/FileReadsCard';
import { FeedbackReportCard } from '../awards/FeedbackReportCard';
import type { Application } from '../api/types';
import { QueryError } from '../shared/QueryError';
import { DepartmentReviewCard } from '../review/DepartmentReviewCard';
import { OfficeActions } from '../review/OfficeActions';
import { RecommendationCard } from '../review/RecommendationCard';
import { useApplication } from './api';
import { ApplicationHeader } from './ApplicationHeader';
import { ApplicationEditor } from './editor/ApplicationEditor';
import { FormView } from './view/FormView';
import { CountyOpinionCard, HistoryCard, QualificationCard, VersionsCard } from './view/ProcessView';
import { WithdrawButton } from './WithdrawButton';

/** One application: the applicant's form while editable, otherwise the read-only file with each role's card. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const query = useApplication(id);
  const me = useMe();

  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const app = query.data;
  const isApplicant = me.data?.user.roles.some((r) => r === 'applicant_unit' || r === 'applicant_individual') ?? false;
  const isOffice = me.data?.user.roles.includes('office') ?? false;
  // The server decides whether the materials are still editable, and says why not; the browser reads no clock.
  const pastDeadline = app.abilities.edit.code === 'deadline_passed';
  const back = isApplicant ? { to: '/applications', label: '返回我的申报' } : { to: '/review', label: '返回申报审核' };

  if (app.abilities.edit.allowed) {
    return (
      <div>
        <BackLink {...back} />
        <ApplicationEditor app={app} />
      </div>
    );
  }

  const withdraw = app.actions.find((t) => t.action === 'withdraw');
  return (
    <div>
      <BackLink {...back} />
      <ApplicationHeader app={app} extra={withdraw ? <WithdrawButton app={app} transition={withdraw} /> : null} />
      {pastDeadline ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={app.abilities.edit.message} /> : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          {app.actions.some((a) => a.payload === 'countyOpinion') ? <RecommendationCard app={app} /> : null}
          {app.abilities.review.allowed ? <DepartmentReviewCard app={app} /> : null}
          <OfficeActions app={app} />
          <QualificationCard app={app} />
          <CountyOpinionCard app={app} />
          <FormView app={app} />
        </Col>
        <Col xs={24} xl={8}>
          {isApplicant ? <FeedbackReportCard applicationId={app.id} /> : null}
          <HistoryCard app={app} />
          <VersionsCard app={app} />
          {isOffice ? <FileReadsCard applicationId={app.id} /> : null}
        </Col>
      </Row>
    </div>
  );
}

function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Space style={{ marginBottom: 16 }}>
      <Link to={to}>
        <ArrowLeftOutlined /> {label}
      </Link>
    </Space>
  );
}
