import { useState } from 'react';
import { Alert, Button, Input, Modal } from 'antd';
import type { Application, ApplicationTransition } from '../api/types';
import { useLifecycleAction } from '../review/useAppAction';
import { errorMessage } from '../shared/formErrors';

/** 撤回申报 with a required reason, shown when the server offers the withdraw transition. */
export function WithdrawButton({ app, transition, block }: { app: Application; transition: ApplicationTransition; block?: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const step = useLifecycleAction(app.id, '申报已撤回');
  return (
    <>
      <Button danger block={block} disabled={!transition.allowed} title={transition.message ?? undefined} onClick={() => setOpen(true)}>
        {transition.label}
      </Button>
      <Modal
        title="撤回申报"
        open={open}
        okText="确认撤回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={step.isPending}
        onOk={() => {
          setProblem(null);
          step.run(transition.action, { reason: reason.trim() }).then(
            () => setOpen(false),
            (err) => setProblem(errorMessage(err)),
          );
        }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title="撤回后本届申报即告终止，不能恢复。" style={{ marginBottom: 12 }} />
        {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
        <Input.TextArea aria-label="撤回原因" placeholder="请填写撤回原因（必填）" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} />
      </Modal>
    </>
  );
}
