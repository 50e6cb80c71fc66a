import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { CrownOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PanelView } from '../../contract/technical';
import type { TechnicalStage } from '../../contract/technical-report';
import { apiPost } from '../api/client';
import { errorWithFields } from '../shared/formErrors';
import { deleteMember, panelPath, usePanelMutation } from './api';

type Application = PanelView['applications'][number];
type Member = Application['members'][number];

const SCOREBOOK_LABEL = { draft: '评分中', submitted: '已提交' } as const;

/** One application's panel: its members with why they fit, and the manual edits (re-validated by the server). */
export function PanelMembers({ editionId, stage, application, experts, conflicted, editable }: { editionId: string; stage: TechnicalStage; application: Application; experts: PanelView['experts']; conflicted: ReadonlySet<string>; editable: boolean }) {
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const onError = (err: unknown) => message.error(errorWithFields(err));
  const add = usePanelMutation(editionId, stage, (expertId: string) => apiPost<PanelView>(`${panelPath(editionId, stage, application.applicationId)}/members`, { expertId }));
  const remove = usePanelMutation(editionId, stage, (expertId: string) => deleteMember(editionId, stage, application.applicationId, expertId));
  const lead = usePanelMutation(editionId, stage, (expertId: string) => apiPost<PanelView>(`${panelPath(editionId, stage, application.applicationId)}/leader`, { expertId }));

  const memberIds = new Set(application.members.map((m) => m.expertId));
  const candidates = experts.filter((e) => !memberIds.has(e.expertId));
  const candidateOption = (e: PanelView['experts'][number]) => {
    const conflict = conflicted.has(`${e.expertId}:${application.applicationId}`);
    const full = e.load >= e.maxLoad;
    const notes = [`${e.load}/${e.maxLoad}`, conflict ? '须回避' : null, full ? '评审量已满' : null, e.committed ? null : '未签承诺书'].filter(Boolean).join('，');
    return { value: e.expertId, label: `${e.name}（${notes}）`, disabled: conflict || full };
  };

  const member = (m: Member) => (
    <div key={m.expertId} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '3px 0', borderBottom: '1px dashed #f0f0f0' }} data-testid={`panel-member-${m.name}`}>
      <Tooltip title={m.unit}>
        <Typography.Text strong={m.isLeader} style={{ whiteSpace: 'nowrap' }}>
          {m.name}
        </Typography.Text>
      </Tooltip>
      {m.isLeader ? (
        <Tag color="gold" icon={<CrownOutlined />} style={{ marginInlineEnd: 0 }}>
          组长
        </Tag>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        匹配度 {m.affinity.toFixed(2)}
      </Typography.Text>
      {m.scorebook ? <Tag color={m.scorebook === 'submitted' ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>{SCOREBOOK_LABEL[m.scorebook]}</Tag> : null}
      <Typography.Text type="secondary" ellipsis={{ tooltip: m.why }} style={{ fontSize: 12, flex: 1, minWidth: 60 }}>
        {m.why}
      </Typography.Text>
      {editable ? (
        <Space size={0} style={{ whiteSpace: 'nowrap' }}>
          {!m.isLeader ? (
            <Button size="small" type="link" loading={lead.isPending && lead.variables === m.expertId} onClick={() => lead.mutate(m.expertId, { onError })}>
              设为组长
            </Button>
          ) : null}
          <Popconfirm title={`将${m.name}移出评审组？`} okText="移出" cancelText="取消" onConfirm={() => remove.mutateAsync(m.expertId).catch(onError)}>
            <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={`移出${m.name}`}>
              移出
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
    </div>
  );

  return (
    <div>
      {application.members.length === 0 ? <Typography.Text type="secondary">尚未分配</Typography.Text> : application.members.map(member)}
      {application.shortfall ? (
        <Typography.Paragraph type="danger" style={{ margin: '4px 0' }} data-testid="panel-shortfall">
          {application.shortfall}
        </Typography.Paragraph>
      ) : null}
      {editable ? (
        adding ? (
          <Space.Compact style={{ width: '100%', marginTop: 4 }}>
            <Select
              autoFocus
              value={null}
              showSearch
              optionFilterProp="label"
              placeholder="选择要加入的专家"
              style={{ width: '100%' }}
              options={candidates.map(candidateOption)}
              onChange={(expertId: string) => add.mutate(expertId, { onError, onSuccess: () => setAdding(false) })}
              loading={add.isPending}
              aria-label="加入专家"
            />
            <Button onClick={() => setAdding(false)}>取消</Button>
          </Space.Compact>
        ) : (
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginTop: 4 }}>
            加入专家
          </Button>
        )
      ) : null}
    </div>
  );
}
