import type { ReactNode } from 'react';
import { useState } from 'react';
import { App as AntApp, Button, Card, Space, Tooltip, Typography } from 'antd';
import type { Application, ApplicationTransition } from '../api/types';
import { errorMessage } from '../shared/formErrors';
import { ReasonModal, type ReasonValues } from './ReasonModal';
import { useAppAction } from './useAppAction';

type ModalKind = 'return' | 'reject' | 'disqualify' | 'override' | null;

function ActionButton({ t, children, onClick, danger, primary }: { t: ApplicationTransition; children: ReactNode; onClick: () => void; danger?: boolean; primary?: boolean }) {
  const button = (
    <Button type={primary ? 'primary' : 'default'} danger={danger} disabled={!t.enabled} onClick={onClick}>
      {children}
    </Button>
  );
  return t.enabled || !t.blockedBy ? button : <Tooltip title={t.blockedBy}>{button}</Tooltip>;
}

/** The office's buttons on one application, straight from the server's `transitions` and abilities. */
export function OfficeActions({ app }: { app: Application }) {
  const [open, setOpen] = useState<ModalKind>(null);
  const { modal, message } = AntApp.useApp();
  const accept = useAppAction(app.id, 'accept', '已受理，资格审查已启动');
  const ret = useAppAction(app.id, 'return', '已退回补正');
  const reject = useAppAction(app.id, 'reject', '已不予受理');
  const disqualify = useAppAction(app.id, 'disqualify', '已确认资格审查不通过');
  const override = useAppAction(app.id, 'override-qualification', '已否决部门异议');

  const find = (action: string) => app.transitions.find((t) => t.action === action);
  const tAccept = find('accept');
  const tReturn = find('returnForCorrection');
  const tReject = find('reject');
  const tDisqualify = find('disqualify');
  const canOverride = app.abilities.overrule === true;
  if (!tAccept && !tReturn && !tReject && !tDisqualify && !canOverride) return null;

  const submitReason = (kind: Exclude<ModalKind, null>) => (v: ReasonValues) => {
    switch (kind) {
      case 'return':
        return ret.mutateAsync({ reasons: v.reason, correctionDueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null });
      case 'reject':
        return reject.mutateAsync({ reason: v.reason });
      case 'disqualify':
        return disqualify.mutateAsync({ reason: v.reason });
      case 'override':
        return override.mutateAsync({ reason: v.reason });
    }
  };

  return (
    <Card title="强市办办理" style={{ marginBottom: 16 }}>
      <Space wrap>
        {tAccept ? (
          <ActionButton
            t={tAccept}
            primary
            onClick={() =>
              modal.confirm({
                title: `受理“${app.name}”的申报？`,
                content: '受理后将同时向各资格审查部门派发资格审查任务。',
                okText: '受理',
                cancelText: '取消',
                onOk: () => accept.mutateAsync({}).catch((err) => message.error(errorMessage(err))),
              })
            }
          >
            受理
          </ActionButton>
        ) : null}
        {tReturn ? (
          <ActionButton t={tReturn} onClick={() => setOpen('return')}>
            退回补正
          </ActionButton>
        ) : null}
        {tReject ? (
          <ActionButton t={tReject} danger onClick={() => setOpen('reject')}>
            {tReject.label}
          </ActionButton>
        ) : null}
        {tDisqualify ? (
          <ActionButton t={tDisqualify} danger onClick={() => setOpen('disqualify')}>
            确认不通过
          </ActionButton>
        ) : null}
        {canOverride ? <Button onClick={() => setOpen('override')}>否决异议</Button> : null}
      </Space>
      {tDisqualify || canOverride ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          有部门出具不通过意见时：确认不通过（理由将告知申报人），或以书面理由否决异议（记入审计）。
        </Typography.Paragraph>
      ) : null}
      <ReasonModal open={open === 'return'} title="退回补正" reasonLabel="退回原因" okText="退回" withDueDate onSubmit={submitReason('return')} onClose={() => setOpen(null)} />
      <ReasonModal open={open === 'reject'} title="不予受理" reasonLabel="不予受理理由" okText="不予受理" danger onSubmit={submitReason('reject')} onClose={() => setOpen(null)} />
      <ReasonModal
        open={open === 'disqualify'}
        title="确认资格审查不通过"
        reasonLabel="不通过理由"
        okText="确认不通过"
        danger
        warning="理由将显示给申报人。"
        onSubmit={submitReason('disqualify')}
        onClose={() => setOpen(null)}
      />
      <ReasonModal
        open={open === 'override'}
        title="否决部门异议"
        reasonLabel="书面理由"
        okText="否决异议"
        warning="否决异议须有书面理由，操作将记入审计日志。"
        onSubmit={submitReason('override')}
        onClose={() => setOpen(null)}
      />
    </Card>
  );
}
