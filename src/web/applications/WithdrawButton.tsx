import { useState } from 'react';
import { Alert, App as AntApp, Button, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../api/client';
import type { Application, ApplicationTransition } from '../api/types';
import { errorMessage } from '../shared/formErrors';
import { APPLICATIONS_KEY, applicationKey } from './api';

/** 撤回申报 with a required reason, shown when the server offers the withdraw transition. */
export function WithdrawButton({ app, transition, block }: { app: Application; transition: ApplicationTransition; block?: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const withdraw = useMutation({
    mutationFn: () => apiPost<Application>(`/api/applications/${encodeURIComponent(app.id)}/withdraw`, { reason: reason.trim() }),
    onSuccess: (updated) => {
      queryClient.setQueryData(applicationKey(app.id), updated);
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      message.success('申报已撤回');
      setOpen(false);
    },
    onError: (err) => setProblem(errorMessage(err)),
  });
  return (
    <>
      <Button danger block={block} disabled={!transition.enabled} title={transition.blockedBy ?? undefined} onClick={() => setOpen(true)}>
        {transition.label}
      </Button>
      <Modal
        title="撤回申报"
        open={open}
        okText="确认撤回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={withdraw.isPending}
        onOk={() => {
          setProblem(null);
          withdraw.mutate();
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
