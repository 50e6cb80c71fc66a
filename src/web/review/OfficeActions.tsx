import { useState } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import type { Application } from '../api/types';
import { ActionBar } from './ActionBar';
import { ReasonModal } from './ReasonModal';
import { useAppAction } from './useAppAction';

/**
 * The steps the server offers this caller (office, agency, government …) on one application,
 * and the office's overruling of an objection, a document of its own.
 */
export function OfficeActions({ app }: { app: Application }) {
  const [overruling, setOverruling] = useState(false);
  const override = useAppAction(app.id, 'override-qualification', '已否决部门异议');
  const isApplicantStep = (action: string) => ['submit', 'resubmit', 'withdraw'].includes(action);
  const steps = app.actions.filter((a) => !isApplicantStep(a.action) && a.payload !== 'countyOpinion');
  const canOverride = app.abilities.overrule.allowed;
  if (steps.length === 0 && !canOverride) return null;

  return (
    <Card title="办理" style={{ marginBottom: 16 }}>
      <Space wrap>
        <ActionBar app={app} except={['submit', 'resubmit', 'withdraw']} />
        {canOverride ? <Button onClick={() => setOverruling(true)}>否决异议</Button> : null}
      </Space>
      {app.actions.some((a) => a.action === 'disqualify') || canOverride ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          有部门出具不通过意见时：确认不通过（理由将告知申报人），或以书面理由否决异议（记入审计）。
        </Typography.Paragraph>
      ) : null}
      <ReasonModal
        open={overruling}
        title="否决部门异议"
        reasonLabel="书面理由"
        okText="否决异议"
        warning="否决异议须有书面理由，操作将记入审计日志。"
        onSubmit={(v) => override.mutateAsync({ reason: v.reason })}
        onClose={() => setOverruling(false)}
      />
    </Card>
  );
}
