import { Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CompositeRow } from '../../contract/decision';

export const CATEGORY_LABELS: Record<'award' | 'nomination', string> = { award: '市长质量奖', nomination: '提名奖' };
export const KIND_LABELS: Record<'unit' | 'individual', string> = { unit: '单位', individual: '个人' };

const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** The composite's columns, every part visible (issue 12): shared by the office's, the leadership's and the government's lists. */
export function compositeColumns(): ColumnsType<CompositeRow> {
  return [
    { title: '名次', dataIndex: 'rank', width: 64, render: (v: number | null, row) => (v === null ? '—' : row.changedByPreference ? <Tooltip title={`未计倾斜时第 ${row.rankWithoutPreference} 名：${row.preference}`}><span>{v} <Tag color="blue">倾斜</Tag></span></Tooltip> : v) },
    { title: '名称', dataIndex: 'name' },
    { title: '类别', dataIndex: 'kind', width: 64, render: (k: 'unit' | 'individual') => KIND_LABELS[k] },
    { title: '材料评审', dataIndex: 'material', width: 90, align: 'right', render: num },
    { title: '现场/答辩', dataIndex: 'onsiteDefence', width: 90, align: 'right', render: num },
    { title: '满意度', dataIndex: 'satisfaction', width: 80, align: 'right', render: num },
    {
      title: '综合得分',
      dataIndex: 'composite',
      width: 100,
      align: 'right',
      render: (v: number | null, row) => (v === null ? <Tooltip title={`缺少：${row.missing.join('、')}`}><Tag>未齐全</Tag></Tooltip> : <strong>{row.adjusted !== null && row.adjusted !== v ? `${num(v)}（+倾斜 ${num(row.adjusted)}）` : num(v)}</strong>),
    },
    { title: '状态', dataIndex: 'stateLabel', width: 130 },
  ];
}
