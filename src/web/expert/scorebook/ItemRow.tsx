import { Col, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { bandDescription, bandOf } from '../../../domain/scoring/bands';
import { itemScore, type ScorebookEntry } from '../../../domain/scoring/scorebook-totals';
import { PERCENT_STEPS } from './draft';
import { fmtPoints } from './format';

export interface TemplateItem {
  code: string;
  name: string;
  points: number;
  kind: 'process' | 'result';
}

/** The panel's independent percentages on one item, shown beside the consensus. */
export interface ItemSpread {
  mean: number | null;
  min: number | null;
  max: number | null;
  spread: number;
  flagged: boolean;
}

const PERCENT_OPTIONS = PERCENT_STEPS.map((p) => ({ value: p, label: `${p}%` }));
const KIND_LABEL = { process: '过程', result: '结果' } as const;
const TEXT_MAX = 2000;

interface Props {
  item: TemplateItem;
  entry: ScorebookEntry | undefined;
  /** Absent when read-only. */
  onChange?: (patch: Partial<ScorebookEntry>) => void;
  /** On-site review: the evidence seen is recorded per item. */
  withEvidence: boolean;
  /** Named by the server as not yet scored. */
  highlighted: boolean;
  spread?: ItemSpread;
  /** '' for the expert's own scorebook, 'consensus-' for the leader's consensus (ids: `${idPrefix}percent-<code>`). */
  idPrefix: '' | 'consensus-';
}

/** One scoring item: the percentage with its band's description, the item score and the comments. */
export function ItemRow({ item, entry, onChange, withEvidence, highlighted, spread, idPrefix }: Props) {
  const percent = entry?.percent ?? null;
  const readOnly = !onChange;
  const text = (field: 'strengths' | 'opportunities' | 'evidence', label: string, placeholder: string) =>
    readOnly ? (
      <div>
        <Typography.Text type="secondary">{label}：</Typography.Text>
        <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{entry?.[field] || '—'}</Typography.Text>
      </div>
    ) : (
      <label style={{ display: 'block' }}>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <Input.TextArea
          value={entry?.[field] ?? ''}
          onChange={(e) => onChange({ [field]: e.target.value })}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={TEXT_MAX}
          placeholder={placeholder}
          aria-label={`${item.code} ${label}`}
          data-testid={`${idPrefix}${field}-${item.code}`}
        />
      </label>
    );

  return (
    <div
      id={`${idPrefix}item-${item.code}`}
      data-testid={`${idPrefix}item-${item.code}`}
      data-unscored={highlighted ? 'true' : undefined}
      style={{
        padding: 12,
        marginBottom: 12,
        borderRadius: 6,
        border: highlighted ? '1px solid #ff4d4f' : '1px solid #f0f0f0',
        background: highlighted ? '#fff2f0' : undefined,
      }}
    >
      <Row gutter={[12, 8]} align="middle" wrap>
        <Col flex="auto">
          <Space wrap size={6}>
            <Typography.Text strong>
              {item.code} {item.name}
            </Typography.Text>
            <Tag>{KIND_LABEL[item.kind]}</Tag>
            <Typography.Text type="secondary">{item.points} 分</Typography.Text>
            {highlighted ? <Tag color="error">尚未评分</Tag> : null}
          </Space>
        </Col>
        <Col>
          <Space size={12}>
            {readOnly ? (
              <span data-testid={`${idPrefix}percent-${item.code}`}>得分率 {percent === null ? '—' : `${percent}%`}</span>
            ) : (
              <span data-testid={`${idPrefix}percent-${item.code}`}>
                <Select
                  showSearch
                  allowClear
                  style={{ width: 110 }}
                  placeholder="得分率"
                  aria-label={`${item.code} 得分率`}
                  options={PERCENT_OPTIONS}
                  value={percent}
                  onChange={(value: number | null | undefined) => onChange({ percent: value ?? null })}
                  status={highlighted ? 'error' : undefined}
                />
              </span>
            )}
            <Typography.Text data-testid={`${idPrefix}score-${item.code}`}>
              得分 <b>{percent === null ? '—' : fmtPoints(itemScore(item.points, percent))}</b>
            </Typography.Text>
          </Space>
        </Col>
      </Row>
      {spread ? (
        <div style={{ marginTop: 6 }} data-testid={`spread-${item.code}`}>
          <Typography.Text type="secondary">
            独立评分：均值 {spread.mean === null ? '—' : `${fmtPoints(spread.mean)}%`}，最低 {spread.min ?? '—'}%，最高 {spread.max ?? '—'}%，
            极差 {spread.spread}%
          </Typography.Text>
          {spread.flagged ? (
            <Tag color="warning" style={{ marginLeft: 8 }}>
              分歧较大
            </Tag>
          ) : null}
        </div>
      ) : null}
      <BandHint percent={percent} kind={item.kind} />
      <Row gutter={[12, 8]} style={{ marginTop: 8 }}>
        <Col xs={24} md={12}>
          {text('strengths', '优势', '依据申报材料写明做得好的方面')}
        </Col>
        <Col xs={24} md={12}>
          {text('opportunities', '改进机会', '写明可以改进的方面')}
        </Col>
        {withEvidence ? <Col span={24}>{text('evidence', '现场核实的证据', '现场查看的文件、记录、访谈对象等')}</Col> : null}
      </Row>
    </div>
  );
}

/** What the evidence must show for the chosen percentage (GB/Z 19579 scoring bands). */
function BandHint({ percent, kind }: { percent: number | null; kind: 'process' | 'result' }) {
  if (percent === null) {
    return (
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 12 }}>
        选择得分率后，这里显示对应评分档的要求。
      </Typography.Paragraph>
    );
  }
  return (
    <div style={{ marginTop: 6, fontSize: 12, color: 'rgba(0,0,0,0.65)' }} data-testid="band-description">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        评分档 {bandOf(percent).label}：
      </Typography.Text>
      <ul style={{ margin: '2px 0 0', paddingInlineStart: 18 }}>
        {bandDescription(percent, kind).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}
