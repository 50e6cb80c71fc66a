import type { ReactNode } from 'react';
import { Card, Progress, Space, Statistic, Typography } from 'antd';
import type { ScorebookPage } from '../../../contract/technical-scoring';
import { scorebookTotals, type ScorebookEntry, type ScorebookItems } from '../../../domain/scoring/scorebook-totals';
import { fmtPoints } from './format';
import { ItemRow, type ItemSpread } from './ItemRow';

type Template = ScorebookPage['template'];

interface Props {
  template: Template;
  items: ScorebookItems;
  /** Absent when read-only. */
  onChange?: (code: string, patch: Partial<ScorebookEntry>) => void;
  withEvidence: boolean;
  highlighted?: ReadonlySet<string>;
  spreads?: Record<string, ItemSpread>;
  /** Names the test ids: `scorebook-total`, `percent-<code>` or `consensus-total`, `consensus-percent-<code>`. */
  variant: 'scorebook' | 'consensus';
  /** Save status, submit button: shown in the summary bar. */
  actions?: ReactNode;
}

/** A scorebook as a form: the running total and completeness on top, then per category its items and subtotal. */
export function ScorebookForm({ template, items, onChange, withEvidence, highlighted, spreads, variant, actions }: Props) {
  const totals = scorebookTotals(template, items);
  const { filled, of } = totals.completeness;
  return (
    <div>
      <div
        style={{ position: 'sticky', top: 0, zIndex: 5, background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 16px', marginBottom: 16 }}
      >
        <Space size={32} wrap align="center" style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space size={32} wrap align="center">
            <Statistic
              title="总分"
              value={fmtPoints(totals.total)}
              suffix={`/ ${template.total}`}
              valueRender={(node) => <span data-testid={`${variant}-total`}>{node}</span>}
            />
            <div style={{ minWidth: 180 }}>
              <Typography.Text type="secondary">完成情况</Typography.Text>
              <div data-testid={`${variant}-completeness`}>
                已评 {filled} / {of} 项
              </div>
              <Progress percent={of ? Math.round((filled / of) * 100) : 0} size="small" showInfo={false} />
            </div>
          </Space>
          {actions}
        </Space>
      </div>
      {template.categories.map((category) => {
        const max = category.items.reduce((s, i) => s + i.points, 0);
        return (
          <Card
            key={category.code}
            size="small"
            title={`${category.code} ${category.name}`}
            extra={
              <span data-testid={`${variant}-subtotal-${category.code}`}>
                小计 {fmtPoints(totals.byCategory[category.code] ?? 0)} / {max}
              </span>
            }
            style={{ marginBottom: 16 }}
          >
            {category.items.map((item) => (
              <ItemRow
                key={item.code}
                item={item}
                entry={items[item.code]}
                onChange={onChange ? (patch) => onChange(item.code, patch) : undefined}
                withEvidence={withEvidence}
                highlighted={highlighted?.has(item.code) ?? false}
                spread={spreads?.[item.code]}
                idPrefix={variant === 'scorebook' ? '' : 'consensus-'}
              />
            ))}
          </Card>
        );
      })}
    </div>
  );
}
