import { useState } from 'react';
import { App as AntApp, Button, Space, Tooltip } from 'antd';
import type { AvailableAction } from '../../contract/actions';
import { isApplicationState, STATE_META } from '../../domain/lifecycle/states';
import type { Application } from '../api/types';
import { errorMessage } from '../shared/formErrors';
import { ReasonModal, type ReasonValues } from './ReasonModal';
import { useLifecycleAction } from './useAppAction';

/** Steps that end an application without an award are shown as dangerous (from the domain's table of states). */
const isDanger = (state: string) => isApplicationState(state) && STATE_META[state].outcome === 'none';

/**
 * The lifecycle steps the server offers on an application, as buttons: a refused one is
 * disabled with the server's reason; a step that needs a reason (or a correction date) asks
 * for it in a dialog; every other step asks for confirmation, since each is a signed act.
 * Steps with a form of their own (e.g. the county's opinion) are listed in `except`.
 */
export function ActionBar({ app, except = [] }: { app: Application; except?: readonly string[] }) {
  const [open, setOpen] = useState<AvailableAction | null>(null);
  const { modal, message } = AntApp.useApp();
  const step = useLifecycleAction(app.id);
  const actions = app.actions.filter((a) => !except.includes(a.action) && a.payload !== 'countyOpinion');
  if (actions.length === 0) return null;

  const confirm = (a: AvailableAction) =>
    modal.confirm({
      title: `${a.label}：${app.name}？`,
      content: `确认后申报状态将变为“${a.toLabel}”，操作将记入审计日志。`,
      okText: a.label,
      cancelText: '取消',
      okButtonProps: { danger: isDanger(a.to) },
      onOk: () => step.run(a.action, {}, `${a.label}：已完成，当前状态为“${a.toLabel}”`).catch((err) => message.error(errorMessage(err))),
    });
  const submitReason = (a: AvailableAction) => (v: ReasonValues) =>
    step.run(
      a.action,
      { reason: v.reason, ...(a.payload === 'correction' ? { payload: { correctionDueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null } } : {}) },
      `${a.label}：已完成，当前状态为“${a.toLabel}”`,
    );

  return (
    <>
      <Space wrap>
        {actions.map((a) => {
          const button = (
            <Button
              key={a.action}
              type={isDanger(a.to) ? 'default' : 'primary'}
              danger={isDanger(a.to)}
              disabled={!a.allowed}
              onClick={() => (a.reasonRequired || a.payload ? setOpen(a) : confirm(a))}
            >
              {a.label}
            </Button>
          );
          return a.allowed ? button : <Tooltip key={a.action} title={a.message}>{button}</Tooltip>;
        })}
      </Space>
      {open ? (
        <ReasonModal
          open
          title={open.label}
          reasonLabel={`${open.label}理由`}
          okText={open.label}
          danger={isDanger(open.to)}
          withDueDate={open.payload === 'correction'}
          warning={`确认后申报状态将变为“${open.toLabel}”，理由将告知申报人并记入审计日志。`}
          onSubmit={submitReason(open)}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </>
  );
}
