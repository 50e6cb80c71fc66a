import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Space, Typography } from 'antd';
import { CheckCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import type { ScorebookPage } from '../../../contract/technical-scoring';
import type { ScorebookItems } from '../../../domain/scoring/scorebook-totals';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../shared/formErrors';
import { submitScorebook, type ScorebookKind } from '../api';
import { clockTime, unscoredCodes } from './draft';
import type { ItemSpread } from './ItemRow';
import { ScorebookForm } from './ScorebookForm';
import { useAutosave, type SaveStatus } from './useAutosave';

interface Props {
  page: ScorebookPage;
  kind: ScorebookKind;
  initialItems: ScorebookItems;
  initialRevision: number;
  /** The initial items are a proposal not stored yet (the consensus starting from the mean). */
  startDirty?: boolean;
  spreads?: Record<string, ItemSpread>;
  /** Every answer of the server (save or submit) is the whole page: the caller caches it. */
  onPage: (page: ScorebookPage) => void;
  /** After a conflict: fetch the stored scorebook and start again from it. */
  onReload: () => void;
}

const TEXT = {
  mine: { variant: 'scorebook', status: 'save-status', submit: 'submit-scorebook', button: '提交评分', confirm: '提交本人评分？', done: '评分已提交' },
  consensus: {
    variant: 'consensus',
    status: 'consensus-save-status',
    submit: 'submit-consensus',
    button: '提交组内一致意见',
    confirm: '提交组内一致意见？',
    done: '组内一致意见已提交',
  },
} as const;

/** A scorebook being filled in: autosaved, submitted once complete (then locked). */
export function EditableScorebook({ page, kind, initialItems, initialRevision, startDirty, spreads, onPage, onReload }: Props) {
  const { modal, message } = AntApp.useApp();
  const text = TEXT[kind];
  const draft = useAutosave({ applicationId: page.applicationId, stage: page.stage, kind, initialItems, initialRevision, onSaved: onPage, startDirty });
  const [named, setNamed] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  // An item named as unscored stops being highlighted as soon as it gets a percentage.
  const highlighted = useMemo(() => new Set(named.filter((code) => typeof draft.items[code]?.percent !== 'number')), [named, draft.items]);

  const submit = async () => {
    setSubmitting(true);
    try {
      if (!(await draft.flush())) {
        message.error('评分尚未保存，不能提交；请先处理保存问题');
        return;
      }
      const answer = await submitScorebook(page.applicationId, page.stage, kind);
      setNamed([]);
      message.success(text.done);
      onPage(answer);
      // The page now shows the panel's results above: start reading from the top.
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } catch (error) {
      const codes = error instanceof ApiError ? unscoredCodes(error.fields) : [];
      if (codes.length) {
        setNamed(codes);
        message.error(`${error instanceof ApiError ? error.message : '还有条款未评分'}，已用红框标出`);
        document.getElementById(`${kind === 'mine' ? '' : 'consensus-'}item-${codes[0]}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      } else {
        message.error(errorMessage(error));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const confirmSubmit = () =>
    modal.confirm({
      title: text.confirm,
      content:
        kind === 'mine'
          ? '提交后本人评分锁定，不能再修改；提交后可以看到本组其他专家的评分。'
          : '提交后组内一致意见锁定，不能再修改，并作为本组的评审结果。',
      okText: '确认提交',
      cancelText: '再检查一下',
      onOk: submit,
    });

  const blocked = draft.status.state === 'conflict';
  return (
    <div data-testid={kind === 'consensus' ? 'consensus-editor' : 'scorebook-editor'}>
      {draft.status.state === 'conflict' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="评分表已在其他窗口保存"
          description={`${draft.status.message}。为避免互相覆盖，本窗口已停止保存；重新加载后在最新内容上继续。`}
          action={
            <Button type="primary" onClick={onReload} data-testid="reload-scorebook">
              重新加载
            </Button>
          }
        />
      ) : null}
      <ScorebookForm
        template={page.template}
        items={draft.items}
        onChange={blocked ? undefined : draft.change}
        withEvidence={page.stage === 'onsite'}
        highlighted={highlighted}
        spreads={spreads}
        variant={text.variant}
        actions={
          <Space wrap>
            <SaveStatusText status={draft.status} hasStored={initialRevision > 0 || Object.keys(initialItems).length > 0} testId={text.status} onRetry={() => void draft.retry()} />
            <Button type="primary" onClick={confirmSubmit} loading={submitting} disabled={blocked} data-testid={text.submit}>
              {text.button}
            </Button>
          </Space>
        }
      />
    </div>
  );
}

function SaveStatusText({ status, hasStored, testId, onRetry }: { status: SaveStatus; hasStored: boolean; testId: string; onRetry: () => void }) {
  let content;
  switch (status.state) {
    case 'idle':
      content = <Typography.Text type="secondary">{hasStored ? '已保存，修改后自动保存' : '修改后自动保存'}</Typography.Text>;
      break;
    case 'dirty':
      content = <Typography.Text type="secondary">有未保存的修改</Typography.Text>;
      break;
    case 'saving':
      content = (
        <Typography.Text type="secondary">
          <LoadingOutlined /> 保存中
        </Typography.Text>
      );
      break;
    case 'saved':
      content = (
        <Typography.Text type="success">
          <CheckCircleOutlined /> 已自动保存 {clockTime(status.at)}
        </Typography.Text>
      );
      break;
    case 'conflict':
      content = (
        <Typography.Text type="warning">
          <WarningOutlined /> 未保存：其他窗口已保存
        </Typography.Text>
      );
      break;
    case 'error':
      content = (
        <Space size={4}>
          <Typography.Text type="danger">
            <WarningOutlined /> 保存失败：{status.message}
          </Typography.Text>
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        </Space>
      );
      break;
  }
  return (
    <span data-testid={testId} data-state={status.state} role="status" aria-live="polite">
      {content}
    </span>
  );
}
