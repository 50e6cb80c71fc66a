import { App as AntApp, Button, Space, Steps, Tooltip, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Edition } from '../../contract/editions';
import { apiPost } from '../api/client';
import { errorMessage } from '../shared/formErrors';
import { EDITIONS_KEY, editionKey } from './api';

function useEditionStep(edition: Edition, path: string, successText: string) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  return useMutation({
    mutationFn: () => apiPost<Edition>(`/api/editions/${encodeURIComponent(edition.id)}/${path}`),
    onSuccess: (updated) => {
      queryClient.setQueryData(editionKey(edition.id), updated);
      void queryClient.invalidateQueries({ queryKey: EDITIONS_KEY, exact: true });
      void queryClient.invalidateQueries({ queryKey: ['public', 'home'] });
      message.success(successText);
    },
    onError: (err) => message.error(errorMessage(err)),
  });
}

/** The procedure's phases with the current one marked, and the office's step to the next (the server says when it is not possible yet, and why). */
export function PhaseCard({ edition }: { edition: Edition }) {
  const { modal } = AntApp.useApp();
  const advance = useEditionStep(edition, 'advance-phase', '已进入下一阶段');
  const current = edition.phases.findIndex((p) => p.phase === edition.phase);
  const next = edition.nextPhase;
  return (
    <div style={{ marginBottom: 16 }} data-testid="edition-phases">
      <Steps size="small" current={current} items={edition.phases.map((p) => ({ title: p.label, description: p.article }))} style={{ overflowX: 'auto', paddingBottom: 8 }} />
      {next && next.code !== 'wrong_role' ? (
        <Space style={{ marginTop: 8 }}>
          <Tooltip title={next.allowed ? undefined : next.message}>
            <Button
              disabled={!next.allowed}
              loading={advance.isPending}
              onClick={() =>
                modal.confirm({
                  title: `进入“${next.label}”阶段？`,
                  content: '阶段只能向前推进，操作将记入审计日志。',
                  okText: '确定',
                  cancelText: '取消',
                  onOk: () => advance.mutateAsync().catch(() => undefined),
                })
              }
            >
              进入下一阶段：{next.label}
            </Button>
          </Tooltip>
          {!next.allowed && next.message ? <Typography.Text type="secondary">{next.message}</Typography.Text> : null}
        </Space>
      ) : null}
    </div>
  );
}

export function CloseButton({ edition }: { edition: Edition }) {
  const { modal } = AntApp.useApp();
  const close = useEditionStep(edition, 'close', '届次已结束');
  return (
    <Button
      danger
      loading={close.isPending}
      onClick={() =>
        modal.confirm({
          title: `确认结束“${edition.name}”？`,
          content: '结束后本届不再接受任何办理操作。',
          okText: '确定',
          cancelText: '取消',
          okButtonProps: { danger: true },
          onOk: () => close.mutateAsync().catch(() => undefined),
        })
      }
    >
      结束届次
    </Button>
  );
}
