import type { ReactNode } from 'react';
import { Card, Collapse, Descriptions, Typography } from 'antd';
import { fieldsFor } from '../../../domain/application-form/fields';
import type { Application, ApplicationForm } from '../../api/types';
import { useCurrentEdition, useIndustries } from '../api';
import { FilesPanel } from '../FilesPanel';
import type { FinancialRow } from '../editor/formModel';

function yesNo(v: unknown): string {
  return v === true ? '是' : v === false ? '否' : '—';
}

function text(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  return String(v);
}

/**
 * The submitted form, read-only: every field with its label, then the self-evaluation and files.
 * With `form` and `fileIds` it shows a past submitted version instead of the current form.
 */
export function FormView({ app, form, fileIds }: { app: Application; form?: ApplicationForm; fileIds?: readonly string[] }) {
  const industries = useIndustries();
  const edition = useCurrentEdition();
  const f = form ?? app.form;
  const section = industries.data?.sections.find((s) => s.code === f.industrySection);
  const division = section?.divisions.find((d) => d.code === f.industryDivision);
  const prefs = (edition.data?.profile.preferenceCategories ?? []) as Array<{ code: string; label: string }>;
  const template = edition.data?.id === app.editionId ? edition.data.profile.scoringTemplates[app.kind] : undefined;
  const itemName = new Map(template?.categories.flatMap((c) => c.items.map((i) => [i.code, `${i.code} ${i.name}`] as const)) ?? []);

  const items = fieldsFor(app.kind)
    .filter((s) => s.key !== 'industryDivision' && s.key !== 'financials')
    .map((s) => {
      let value: ReactNode;
      switch (s.key) {
        case 'countyId':
          value = app.countyName ?? '—';
          break;
        case 'industrySection':
          value = section ? `${section.name}${division ? ` / ${division.name}` : ''}` : text(f.industrySection);
          break;
        case 'preferenceCategories':
          value = Array.isArray(f.preferenceCategories) && f.preferenceCategories.length
            ? (f.preferenceCategories as string[]).map((c) => prefs.find((p) => p.code === c)?.label ?? c).join('；')
            : '—';
          break;
        default:
          value = s.type === 'boolean' ? yesNo(f[s.key]) : <span style={{ whiteSpace: 'pre-wrap' }}>{text(f[s.key])}</span>;
      }
      return { key: s.key, label: s.key === 'industrySection' ? '所属行业' : s.label, children: value, span: s.type === 'longText' ? 2 : 1 };
    });

  const financials = Array.isArray(f.financials) ? (f.financials as FinancialRow[]) : [];
  const report = f.selfEvaluation ?? {};

  return (
    <>
      <Card title="申报表" style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
        {app.kind === 'unit' ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              近三年营业收入和利润（万元）
            </Typography.Title>
            <Descriptions
              bordered
              size="small"
              column={1}
              items={financials.map((r) => ({ key: String(r.year), label: `${r.year} 年`, children: `营业收入 ${text(r.revenue)}　利润 ${text(r.profit)}` }))}
            />
          </>
        ) : null}
      </Card>
      <Card title="自我评价报告" style={{ marginBottom: 16 }}>
        {Object.keys(report).length === 0 ? (
          <Typography.Text type="secondary">未填写</Typography.Text>
        ) : (
          <Collapse
            items={Object.entries(report).map(([code, body]) => ({
              key: code,
              label: itemName.get(code) ?? code,
              children: (
                <>
                  <div style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>{body}</div>
                  <FilesPanel applicationId={app.id} purpose="self_evaluation" itemCode={code} canUpload={false} fallback={app.files} only={fileIds} />
                </>
              ),
            }))}
          />
        )}
      </Card>
      <Card title="证明材料" style={{ marginBottom: 16 }}>
        <FilesPanel applicationId={app.id} purpose="evidence" canUpload={false} fallback={app.files} only={fileIds} />
      </Card>
    </>
  );
}
