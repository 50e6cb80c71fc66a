import { useState } from 'react';
import { Button, Card, Space, Tooltip, Typography } from 'antd';
import { CASE_STEP_LABELS, type CaseDetail } from '../../contract/supervision';
import type { StepName } from './api';
import { visibleSteps } from './case-view';
import { StepModal } from './StepModal';

const DANGER: ReadonlySet<StepName> = new Set(['decide', 'disqualifyExpert', 'close']);

/** The refused steps grouped by the server's reason (a closed case says 案件已结案 once). */
function reasonsOf(blocked: CaseDetail['steps']): Array<{ reason: string; steps: StepName[] }> {
  const groups = new Map<string, StepName[]>();
  for (const s of blocked) groups.set(s.reason ?? '', [...(groups.get(s.reason ?? '') ?? []), s.step]);
  return [...groups].map(([reason, steps]) => ({ reason, steps }));
}

/**
 * The steps the server lists for the reader: an allowed one opens its form, one not allowed is a
 * disabled button that says why (the server's reason); a step without a reason does not concern
 * this case and is not shown; a reader who may take none sees only the reasons. The browser never
 * decides which step is possible.
 */
export function CaseSteps({ detail }: { detail: CaseDetail }) {
  const [open, setOpen] = useState<StepName | null>(null);
  const shown = visibleSteps(detail.steps);
  if (shown.length === 0) return null;
  const blocked = shown.filter((s) => !s.allowed);
  // A reader with nothing to do gets the reasons, not a row of grey buttons.
  const anyAllowed = blocked.length < shown.length;
  return (
    <Card title="办理" size="small" data-testid="case-steps">
      {anyAllowed ? (
        <Space wrap>
          {shown.map((s) => (
            <Tooltip key={s.step} title={s.allowed ? undefined : s.reason}>
              <Button
                type={s.allowed && !DANGER.has(s.step) ? 'primary' : 'default'}
                danger={s.allowed && DANGER.has(s.step)}
                disabled={!s.allowed}
                onClick={() => setOpen(s.step)}
                data-testid={`step-${s.step}`}
              >
                {CASE_STEP_LABELS[s.step]}
              </Button>
            </Tooltip>
          ))}
        </Space>
      ) : (
        <Typography.Text>当前没有您可以办理的环节。</Typography.Text>
      )}
      {blocked.length > 0 ? (
        <ul style={{ margin: '12px 0 0', paddingInlineStart: 18 }} data-testid="case-step-reasons">
          {reasonsOf(blocked).map(({ reason, steps }) => (
            <li key={reason}>
              <Typography.Text type="secondary">
                {steps.map((s) => CASE_STEP_LABELS[s]).join('、')}：{reason}
              </Typography.Text>
            </li>
          ))}
        </ul>
      ) : null}
      {open ? <StepModal detail={detail} step={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}
