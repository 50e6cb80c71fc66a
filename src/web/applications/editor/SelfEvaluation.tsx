import { Card, Collapse, Form, Input, Tag, Typography } from 'antd';
import type { Application, ScoringTemplate } from '../../api/types';
import { FilesPanel } from '../FilesPanel';

/** 自我评价报告: one collapsible section per item of the kind's scoring template. */
export function SelfEvaluationSection({
  app,
  template,
  canUpload,
}: {
  app: Application;
  template: ScoringTemplate | undefined;
  canUpload: boolean;
}) {
  const missing = new Set(app.missing.map((m) => m.key));
  if (!template) return null;
  const items = template.categories.flatMap((c) =>
    c.items.map((i) => {
      const done = !missing.has(`selfEvaluation.${i.code}`);
      return {
        key: i.code,
        forceRender: true,
        label: (
          <span>
            {c.name} · {i.code} {i.name}（{i.points} 分）
          </span>
        ),
        extra: done ? <Tag color="success">已填写</Tag> : <Tag>未填写</Tag>,
        children: (
          <>
            <Form.Item name={['selfEvaluation', i.code]} label={`${i.code} ${i.name}`} style={{ marginBottom: 12 }}>
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 20 }} maxLength={20_000} showCount placeholder="结合本单位实际，说明该条款的做法与成效" />
            </Form.Item>
            <Typography.Text strong>附件</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <FilesPanel applicationId={app.id} purpose="self_evaluation" itemCode={i.code} canUpload={canUpload} uploadLabel="上传附件" fallback={app.files} />
            </div>
          </>
        ),
      };
    }),
  );
  return (
    <Card title={`自我评价报告（${template.name}）`} id="section-self-evaluation" style={{ marginBottom: 16 }}>
      <Collapse items={items} />
    </Card>
  );
}
