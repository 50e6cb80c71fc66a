import { Alert, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { WinnerAwards } from '../../../contract/awards';
import { AWARD_ITEM_LABELS, type AwardItemKind } from '../../../domain/profile/decision-settings';
import { applyFieldErrors, formProblem } from '../../shared/formErrors';
import { useRecordItem, useRecordPayment, useRecoverItem } from './api';

/** The office's small forms for one winner: an item handed over or recovered, a payment. */
export type WinnerTask = { type: 'item'; kind: AwardItemKind } | { type: 'recover'; kind: AwardItemKind } | { type: 'payment' };

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export function WinnerTaskModal({ winner, task, onClose }: { winner: WinnerAwards; task: WinnerTask; onClose: () => void }) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const item = useRecordItem();
  const recover = useRecoverItem();
  const payment = useRecordPayment();
  const pending = item.isPending || recover.isPending || payment.isPending;

  const title =
    task.type === 'item' ? `登记颁发${AWARD_ITEM_LABELS[task.kind]}：${winner.name}` : task.type === 'recover' ? `登记收回${AWARD_ITEM_LABELS[task.kind]}：${winner.name}` : `登记奖金拨付：${winner.name}`;

  async function submit() {
    const v = await form.validateFields();
    setProblem(null);
    try {
      if (task.type === 'item') await item.mutateAsync({ winnerId: winner.winnerId, kind: task.kind, issuedOn: day(v.issuedOn), receivedBy: v.receivedBy, note: v.note || undefined });
      else if (task.type === 'recover') await recover.mutateAsync({ winnerId: winner.winnerId, kind: task.kind, recoveredOn: day(v.recoveredOn) });
      else await payment.mutateAsync({ winnerId: winner.winnerId, amountFen: Math.round(v.amountYuan * 100), paidOn: day(v.paidOn), reference: v.reference });
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, ['issuedOn', 'receivedBy', 'note', 'recoveredOn', 'paidOn', 'reference']);
      setProblem(formProblem(error, unmatched));
    }
  }

  return (
    <Modal open title={title} okText="保存" cancelText="取消" onOk={submit} onCancel={onClose} confirmLoading={pending} destroyOnHidden>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        {task.type === 'item' ? (
          <>
            <Form.Item name="issuedOn" label="颁发日期" rules={[{ required: true, message: '请选择颁发日期' }]}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="receivedBy" label="领取人" rules={[{ required: true, whitespace: true, message: '请填写领取人' }]}>
              <Input maxLength={100} placeholder="如：单位法定代表人或其授权代表" />
            </Form.Item>
            <Form.Item name="note" label="备注">
              <Input maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {task.type === 'recover' ? (
          <Form.Item name="recoveredOn" label="收回日期" rules={[{ required: true, message: '请选择收回日期' }]} extra="撤销奖项后收回奖杯、奖牌或证书（第二十八条、第二十九条）。">
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        ) : null}
        {task.type === 'payment' ? (
          <>
            <Form.Item
              name="amountYuan"
              label="金额（元）"
              rules={[{ required: true, message: '请填写金额' }, { validator: (_, v) => (v === 0 ? Promise.reject(new Error('金额不能为 0')) : Promise.resolve()) }]}
              extra="追回奖金时填写负数。"
            >
              <InputNumber style={{ width: '100%' }} precision={2} step={1000} />
            </Form.Item>
            <Form.Item name="paidOn" label="拨付日期" rules={[{ required: true, message: '请选择拨付日期' }]}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="reference" label="拨付凭证号" rules={[{ required: true, whitespace: true, message: '请填写拨付文号或凭证号' }]}>
              <Input maxLength={100} placeholder="如：临财拨〔2026〕8号" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
