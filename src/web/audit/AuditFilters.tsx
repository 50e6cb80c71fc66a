import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import { FilterOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { LOGIN_SECURITY_ACTIONS } from '../../contract/audit';
import { AUDIT_ACTION_GROUPS, AUDIT_ENTITY_LABELS } from './labels';

/** The filters as the API takes them (contract/audit.ts auditFilterShape); empty ones left out. */
export interface AuditFilterValues {
  actor?: string;
  entityType?: string;
  entity?: string;
  actions?: string;
  from?: string;
  to?: string;
}

interface FormValues {
  actor?: string;
  entityType?: string;
  entity?: string;
  actions?: string[];
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ACTION_OPTIONS = AUDIT_ACTION_GROUPS.map((g) => ({
  label: g.label,
  title: g.label,
  options: Object.entries(g.actions).map(([value, label]) => ({ value, label })),
}));
const ENTITY_OPTIONS = Object.entries(AUDIT_ENTITY_LABELS)
  .filter(([type]) => type !== 'supervision_case')
  .map(([value, label]) => ({ value, label }));

function toFilter(v: FormValues): AuditFilterValues {
  const text = (s?: string) => s?.trim() || undefined;
  return {
    actor: text(v.actor),
    entityType: v.entityType || undefined,
    entity: text(v.entity),
    actions: v.actions?.length ? v.actions.join(',') : undefined,
    from: v.range?.[0]?.format('YYYY-MM-DD'),
    to: v.range?.[1]?.format('YYYY-MM-DD'),
  };
}

/** The trail's filters: who, which object, which actions, which Beijing-time days. */
export function AuditFilters({ onChange }: { onChange: (filter: AuditFilterValues) => void }) {
  const [form] = Form.useForm<FormValues>();
  const loginSecurity = () => {
    form.setFieldsValue({ actions: [...LOGIN_SECURITY_ACTIONS] });
    onChange(toFilter(form.getFieldsValue()));
  };
  return (
    <Form<FormValues> form={form} layout="inline" onFinish={(v) => onChange(toFilter(v))} style={{ rowGap: 12 }} aria-label="审计日志筛选">
      <Form.Item name="actor" label="操作人">
        <Input allowClear placeholder="用户名或姓名" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="entityType" label="对象">
        <Select allowClear placeholder="类型" options={ENTITY_OPTIONS} style={{ width: 130 }} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="entity">
        <Input allowClear placeholder="名称或编号" style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="actions" label="操作">
        <Select
          mode="multiple"
          allowClear
          placeholder="全部操作"
          options={ACTION_OPTIONS}
          style={{ minWidth: 240, maxWidth: 480 }}
          maxTagCount="responsive"
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="audit-action-filter"
        />
      </Form.Item>
      <Form.Item name="range" label="日期">
        <DatePicker.RangePicker allowEmpty={[true, true]} format="YYYY-MM-DD" placeholder={['开始日期', '结束日期']} />
      </Form.Item>
      <Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" icon={<FilterOutlined />}>
            查询
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            重置
          </Button>
          <Button icon={<LockOutlined />} onClick={loginSecurity} title="登录失败、账号锁定与解除锁定">
            登录失败与锁定
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
