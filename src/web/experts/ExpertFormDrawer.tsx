import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Expert } from '../../contract/technical';
import { EARLIEST_EMPLOYMENT_YEAR, INDUSTRIES_MAX, MAX_LOAD_LIMIT, UNIT_LIST_MAX, type ExpertInput } from '../../domain/experts/expert';
import { useCounties, useIndustries } from '../applications/api';
import { formProblem } from '../shared/formErrors';
import { useSaveExpert } from '../technical/api';
import { industrySelectOptions } from './industryOptions';
import { applyNestedFieldErrors } from './nestedFieldErrors';

interface FormValues {
  name: string;
  unit: string;
  title: string;
  industries: string[];
  countyName?: string | null;
  phone: string;
  email?: string;
  formerEmployers: Array<{ unit: string; fromYear: number; toYear?: number | null }>;
  relativesUnits: string[];
  advisedUnits: string[];
  available: boolean;
  maxLoad: number;
}

const FIELDS = ['name', 'unit', 'title', 'industries', 'countyName', 'phone', 'email', 'formerEmployers', 'relativesUnits', 'advisedUnits', 'available', 'maxLoad'];

const EMPTY: FormValues = { name: '', unit: '', title: '', industries: [], countyName: null, phone: '', email: '', formerEmployers: [], relativesUnits: [], advisedUnits: [], available: true, maxLoad: 10 };

function toValues(e: Expert): FormValues {
  return { ...e, email: e.email ?? '', countyName: e.countyName };
}

function toInput(v: FormValues): ExpertInput {
  const email = v.email?.trim();
  return {
    name: v.name,
    unit: v.unit,
    title: v.title,
    industries: v.industries,
    countyName: v.countyName || null,
    phone: v.phone,
    ...(email ? { email } : {}),
    formerEmployers: (v.formerEmployers ?? []).map((f) => ({ unit: f.unit, fromYear: f.fromYear, toYear: f.toYear ?? null })),
    relativesUnits: v.relativesUnits ?? [],
    advisedUnits: v.advisedUnits ?? [],
    available: v.available,
    maxLoad: v.maxLoad,
  };
}

/** Adds an expert to the pool or edits one: every field the conflict rules and the solver use. */
export function ExpertFormDrawer({ expert, open, onClose }: { expert: Expert | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSaveExpert();
  const industries = useIndustries();
  const counties = useCounties();
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(expert ? toValues(expert) : EMPTY);
    setProblem(null);
  }, [open, expert, form]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setProblem(null);
    try {
      await save.mutateAsync({ id: expert?.id ?? null, input: toInput(values) });
      message.success(expert ? '专家信息已保存' : '专家已加入专家库');
      onClose();
    } catch (err) {
      const unmatched = applyNestedFieldErrors(form, err, FIELDS);
      setProblem(formProblem(err, unmatched));
    }
  };

  const tagSelect = (placeholder: string) => (
    <Select mode="tags" open={false} tokenSeparators={['，', ',', '；', ';']} placeholder={placeholder} maxCount={UNIT_LIST_MAX} />
  );

  return (
    <Drawer
      title={expert ? `编辑专家：${expert.name}` : '新增专家'}
      open={open}
      onClose={onClose}
      size="large"
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="expert-save">
            保存
          </Button>
        </Space>
      }
    >
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} name="expertForm" layout="vertical" initialValues={EMPTY}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="职称" name="title" rules={[{ required: true, whitespace: true, message: '请填写职称' }]}>
              <Input maxLength={40} placeholder="如：高级工程师" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="工作单位" name="unit" rules={[{ required: true, whitespace: true, message: '请填写工作单位' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="所在县区" name="countyName" extra="与申报单位同县区时按规则回避">
              <Select allowClear showSearch loading={counties.isPending} placeholder="请选择" options={(counties.data?.items ?? []).map((c) => ({ value: c.name, label: c.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="联系电话" name="phone" rules={[{ required: true, whitespace: true, message: '请填写联系电话' }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="电子邮箱" name="email">
              <Input maxLength={254} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="专业领域（GB/T 4754-2017 行业）"
          name="industries"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个专业领域' }]}
          extra="可选整个门类或具体大类；用于匹配申报单位的行业"
        >
          <Select mode="multiple" showSearch optionFilterProp="label" maxCount={INDUSTRIES_MAX} loading={industries.isPending} options={industrySelectOptions(industries.data)} placeholder="搜索行业名称或代码" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item label="是否可参加评审" name="available" valuePropName="checked">
              <Switch checkedChildren="可用" unCheckedChildren="暂停" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="每届最大评审量" name="maxLoad" rules={[{ required: true, message: '请填写每届最大评审量' }]}>
              <InputNumber min={1} max={MAX_LOAD_LIMIT} precision={0} style={{ width: '100%' }} suffix="份" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="曾任职单位" extra="用于回避：在规则规定的年限内曾任职的单位">
          <Form.List name="formerEmployers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item name={[field.name, 'unit']} rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]} style={{ minWidth: 240 }}>
                      <Input placeholder="单位名称" maxLength={100} aria-label="曾任职单位名称" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'fromYear']} rules={[{ required: true, message: '请填写起始年' }]}>
                      <InputNumber placeholder="起始年" min={EARLIEST_EMPLOYMENT_YEAR} max={thisYear} precision={0} aria-label="起始年" />
                    </Form.Item>
                    <span>至</span>
                    <Form.Item name={[field.name, 'toYear']}>
                      <InputNumber placeholder="至今" min={EARLIEST_EMPLOYMENT_YEAR} max={thisYear} precision={0} aria-label="结束年（空为至今）" />
                    </Form.Item>
                    <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="删除此单位" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ unit: '', fromYear: undefined, toYear: null })} disabled={fields.length >= UNIT_LIST_MAX}>
                  添加曾任职单位
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label="亲属任职单位" name="relativesUnits" extra="输入单位名称后回车，可填多个">
          {tagSelect('输入单位名称后回车')}
        </Form.Item>
        <Form.Item label="担任顾问或持股的单位" name="advisedUnits" extra="输入单位名称后回车，可填多个">
          {tagSelect('输入单位名称后回车')}
        </Form.Item>
      </Form>
    </Drawer>
  );
}
