import type { ReactNode } from 'react';
import { Card, Cascader, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { fieldsFor } from '../../../domain/application-form/fields';
import type { ApplicantKind, CurrentEdition } from '../../api/types';
import { useCounties, useIndustries } from '../api';
import { FinancialsInput } from './FinancialsInput';

/** The Chinese label of a form field, from the shared field definitions. */
export function fieldLabel(kind: ApplicantKind, key: string): string {
  return fieldsFor(kind).find((f) => f.key === key)?.label ?? key;
}

function isRequired(kind: ApplicantKind, key: string): boolean {
  return fieldsFor(kind).find((f) => f.key === key)?.required ?? false;
}

/** 是 / 否 as a radio group holding a boolean. */
function YesNo({ value, onChange, disabled }: { value?: boolean; onChange?: (v: boolean) => void; disabled?: boolean }) {
  return (
    <Radio.Group
      value={value}
      disabled={disabled}
      onChange={(e) => onChange?.(e.target.value as boolean)}
      options={[
        { value: true, label: '是' },
        { value: false, label: '否' },
      ]}
    />
  );
}

function Item({ kind, name, children, extra }: { kind: ApplicantKind; name: string; children: ReactNode; extra?: string }) {
  return (
    <Form.Item label={fieldLabel(kind, name)} name={name} required={isRequired(kind, name)} extra={extra}>
      {children}
    </Form.Item>
  );
}

const half = { xs: 24, md: 12 };

export function BasicSection({ kind }: { kind: ApplicantKind }) {
  const counties = useCounties();
  const industries = useIndustries();
  const countyOptions = (counties.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const industryOptions = (industries.data?.sections ?? []).map((s) => ({
    value: s.code,
    label: `${s.code} ${s.name}`,
    children: s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
  }));
  const county = (
    <Item kind={kind} name="countyId" extra="由所在县区签署推荐意见">
      <Select showSearch={{ optionFilterProp: 'label' }} placeholder="请选择县区" loading={counties.isPending} options={countyOptions} allowClear />
    </Item>
  );
  return (
    <Card title="基本信息" id="section-basic" style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col {...half}>
          <Item kind={kind} name="name">
            <Input maxLength={kind === 'unit' ? 100 : 50} />
          </Item>
        </Col>
        <Col {...half}>{county}</Col>
        {kind === 'unit' ? (
          <>
            <Col xs={24}>
              <Item kind={kind} name="address">
                <Input maxLength={200} />
              </Item>
            </Col>
            <Col {...half}>
              <Item kind={kind} name="legalRepresentative">
                <Input maxLength={50} />
              </Item>
            </Col>
            <Col {...half}>
              <Item kind={kind} name="contactName">
                <Input maxLength={50} />
              </Item>
            </Col>
          </>
        ) : (
          <>
            <Col {...half}>
              <Item kind={kind} name="workUnit">
                <Input maxLength={100} />
              </Item>
            </Col>
            <Col {...half}>
              <Item kind={kind} name="position">
                <Input maxLength={50} />
              </Item>
            </Col>
          </>
        )}
        <Col {...half}>
          <Item kind={kind} name="contactPhone">
            <Input maxLength={20} inputMode="tel" />
          </Item>
        </Col>
        <Col {...half}>
          <Item kind={kind} name="contactEmail">
            <Input maxLength={200} inputMode="email" />
          </Item>
        </Col>
        {kind === 'unit' ? (
          <>
            <Col {...half}>
              <Form.Item label="所属行业（门类 / 大类）" name="industry" required>
                <Cascader options={industryOptions} placeholder="请选择行业门类和大类" showSearch loading={industries.isPending} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Item kind={kind} name="mainBusinessStartedOn" extra="主体业务须正常运行 5 年以上（第十条）">
                <DatePicker style={{ width: '100%' }} />
              </Item>
            </Col>
          </>
        ) : (
          <>
            <Col {...half}>
              <Item kind={kind} name="qualityWorkStartedOn" extra="须在本市从事质量工作 10 年以上（第十二条）">
                <DatePicker style={{ width: '100%' }} />
              </Item>
            </Col>
            <Col xs={24}>
              <Item kind={kind} name="achievements">
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={10_000} showCount />
              </Item>
            </Col>
          </>
        )}
      </Row>
    </Card>
  );
}

export function OperationSection() {
  return (
    <Card title="经营情况" id="section-operation" style={{ marginBottom: 16 }}>
      <Item kind="unit" name="employees">
        <InputNumber min={0} precision={0} style={{ width: 200 }} suffix="人" />
      </Item>
      <Item kind="unit" name="financials" extra="单位：万元；须填满三年">
        <FinancialsInput />
      </Item>
      <Item kind="unit" name="certifications">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} placeholder="如 ISO 9001、ISO 14001 等" />
      </Item>
    </Card>
  );
}

const DECLARATIONS: Record<ApplicantKind, string[]> = {
  unit: ['locatedInCity', 'legallyIndependent', 'majorAccident', 'prominentComplaints', 'violation'],
  individual: ['unitAccident', 'badRecord'],
};

export function DeclarationSection({ kind }: { kind: ApplicantKind }) {
  return (
    <Card title="申报条件声明" id="section-declaration" style={{ marginBottom: 16 }}>
      {DECLARATIONS[kind].map((key) => (
        <Item key={key} kind={kind} name={key}>
          <YesNo />
        </Item>
      ))}
      <Form.Item name="declarationSigned" valuePropName="checked" required label="真实性承诺">
        <Checkbox>
          {kind === 'unit' ? '本单位' : '本人'}承诺：所填报内容及提交的材料真实、准确、完整，如有不实，愿承担相应责任。
        </Checkbox>
      </Form.Item>
    </Card>
  );
}

export function PreferenceSection({ edition }: { edition: CurrentEdition | undefined }) {
  const options = (edition?.profile.preferenceCategories ?? []).map((c) => ({ value: c.code, label: c.label }));
  return (
    <Card title="第十一条鼓励类别" id="section-preference" style={{ marginBottom: 16 }}>
      <Form.Item name="preferenceCategories" extra="属于以下类别的，同等条件下优先考虑（可多选，可不选）">
        <Checkbox.Group options={options} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
      </Form.Item>
    </Card>
  );
}
