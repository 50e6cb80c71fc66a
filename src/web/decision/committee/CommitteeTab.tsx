import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { CommitteeView, SessionView } from '../../../contract/committee';
import { COMMITTEE_POSITION_LABELS, COMMITTEE_POSITIONS, constitutionProblems, type CommitteePosition } from '../../../domain/committee/ballot';
import { quorumOf } from '../../../domain/profile/decision-settings';
import { ReasonModal } from '../../review/ReasonModal';
import { errorWithFields } from '../../shared/formErrors';
import { fmtTime } from '../../shared/format';
import { QueryError } from '../../shared/QueryError';
import { officeCalls, useCommittee, useCommitteeMutation } from './api';
import { RecusalModal } from './RecusalModal';
import { SessionResults } from './SessionResults';

const share = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** The office's committee tab (Art. 9, 16): members, constitution, recusals, the plenary and its results. */
export default function CommitteeTab({ editionId }: { editionId: string }) {
  const query = useCommittee(editionId);
  const view = query.data;
  const current = view?.sessions.find((s) => !s.closedAt) ?? null;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!view) return <Card loading />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <MembersCard editionId={editionId} view={view} />
      <RecusalsCard editionId={editionId} view={view} />
      {current ? <OpenSessionCard editionId={editionId} view={view} session={current} /> : <NewSessionCard editionId={editionId} view={view} />}
      {view.sessions
        .filter((s) => s.closedAt)
        .map((s) => (
          <SessionResults key={s.id} editionId={editionId} session={s} />
        ))}
    </Space>
  );
}

function MembersCard({ editionId, view }: { editionId: string; view: CommitteeView }) {
  const { message } = App.useApp();
  const calls = officeCalls(editionId);
  const [userId, setUserId] = useState<string | null>(null);
  const [position, setPosition] = useState<CommitteePosition>('member');
  const [documentNumber, setDocumentNumber] = useState('');
  const setMember = useCommitteeMutation(editionId, calls.setMember);
  const remove = useCommitteeMutation(editionId, calls.removeMember);
  const constitute = useCommitteeMutation(editionId, calls.constitute);
  const frozen = Boolean(view.constitutedAt);
  const { problems } = constitutionProblems(view.members.map((m) => m.position));
  const run = (p: Promise<unknown>, done: string) => p.then(() => void message.success(done)).catch((e: unknown) => void message.error(errorWithFields(e)));

  return (
    <Card title="评审委员会组成（第九条）" extra={frozen ? <Tag color="green">已组成 · {fmtTime(view.constitutedAt)}{view.documentNumber ? ` · ${view.documentNumber}` : ''}</Tag> : <Tag>筹备中</Tag>}>
      <Table
        rowKey="userId"
        size="small"
        pagination={false}
        dataSource={view.members}
        locale={{ emptyText: '尚未添加委员' }}
        data-testid="committee-members"
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '职务', dataIndex: 'positionLabel', width: 120 },
          ...(frozen
            ? []
            : [{ title: '操作', key: 'op', width: 100, render: (_: unknown, m: CommitteeView['members'][number]) => <Button size="small" danger onClick={() => void run(remove.mutateAsync(m.userId), '已移除')}>移除</Button> }]),
        ]}
      />
      {frozen ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          委员会已组成，成员不再变更。法定人数为委员的 {share(view.quorumShare)}，表决通过须超过有表决权委员的 {share(view.thresholdShare)}；{view.secretBallot ? '无记名投票。' : '本规则设为记名投票，系统仍按无记名投票记录。'}
        </Typography.Paragraph>
      ) : (
        <Space orientation="vertical" style={{ marginTop: 16, width: '100%' }}>
          <Space wrap>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="选择持有“评审委员会委员”角色的账号"
              style={{ width: 300 }}
              value={userId}
              onChange={setUserId}
              options={view.eligibleUsers.map((u) => ({ value: u.userId, label: `${u.name}（${u.username}）` }))}
              notFoundContent="没有可添加的账号，请先由系统管理员开通“评审委员会委员”账号"
              aria-label="委员账号"
            />
            <Select value={position} onChange={setPosition} style={{ width: 120 }} options={COMMITTEE_POSITIONS.map((p) => ({ value: p, label: COMMITTEE_POSITION_LABELS[p] }))} aria-label="职务" />
            <Button disabled={!userId} loading={setMember.isPending} onClick={() => userId && void run(setMember.mutateAsync({ userId, position }).then(() => setUserId(null)), '已添加')}>
              添加委员
            </Button>
          </Space>
          <Space wrap>
            <Input placeholder="领导小组批准文号（可选）" value={documentNumber} onChange={(e) => setDocumentNumber(e.target.value)} style={{ width: 300 }} aria-label="批准文号" />
            <Tooltip title={problems.length ? problems.join('；') : undefined}>
              <Button
                type="primary"
                disabled={problems.length > 0}
                loading={constitute.isPending}
                data-testid="committee-constitute"
                onClick={() =>
                  Modal.confirm({
                    title: '确认组成评审委员会？',
                    content: `共 ${view.members.length} 名委员。组成后成员不能再变更。`,
                    okText: '确认组成',
                    onOk: () => run(constitute.mutateAsync({ documentNumber: documentNumber.trim() || null }), '评审委员会已组成'),
                  })
                }
              >
                组成委员会
              </Button>
            </Tooltip>
            {problems.length ? <Typography.Text type="warning">{problems.join('；')}</Typography.Text> : null}
          </Space>
        </Space>
      )}
    </Card>
  );
}

function RecusalsCard({ editionId, view }: { editionId: string; view: CommitteeView }) {
  const [declaring, setDeclaring] = useState(false);
  const recuse = useCommitteeMutation(editionId, officeCalls(editionId).recuse);
  return (
    <Card
      title="回避申报"
      extra={
        <Button size="small" disabled={!view.members.length || !view.candidates.length} onClick={() => setDeclaring(true)}>
          代委员申报回避
        </Button>
      }
    >
      <Table
        rowKey={(r) => `${r.userId}:${r.applicationId}`}
        size="small"
        pagination={false}
        dataSource={view.recusals}
        locale={{ emptyText: '暂无委员申报回避' }}
        columns={[
          { title: '委员', dataIndex: 'memberName', width: 140 },
          { title: '回避的申报', dataIndex: 'applicationName' },
          { title: '理由', dataIndex: 'reason' },
          { title: '申报时间', dataIndex: 'declaredAt', width: 170, render: (v: string) => fmtTime(v) },
        ]}
      />
      <RecusalModal
        open={declaring}
        members={view.members}
        candidates={view.candidates}
        onSubmit={(v) => recuse.mutateAsync(v)}
        onClose={() => setDeclaring(false)}
      />
    </Card>
  );
}

function NewSessionCard({ editionId, view }: { editionId: string; view: CommitteeView }) {
  const { message } = App.useApp();
  const [heldOn, setHeldOn] = useState('');
  const [present, setPresent] = useState<string[]>([]);
  const openSession = useCommitteeMutation(editionId, officeCalls(editionId).open);
  const quorum = quorumOf(view.members.length, view.quorumShare);
  const blocked = !view.constitutedAt ? '评审委员会尚未组成' : !view.candidates.length ? '没有待审议的建议候选' : !heldOn ? '请填写会议日期' : present.length < quorum ? `出席人数未达到法定人数 ${quorum} 人` : null;
  const round = view.sessions.length + 1;
  return (
    <Card title={round > 1 ? `召开全体会议（第 ${round} 轮表决）` : '召开全体会议'}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>表决名单：建议候选 {view.candidates.length} 个（{view.candidates.map((c) => c.name).join('、') || '无'}）</Typography.Text>
        <Space wrap>
          <span>会议日期</span>
          <Input type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} style={{ width: 180 }} aria-label="会议日期" />
        </Space>
        <Checkbox.Group value={present} onChange={(v) => setPresent(v as string[])} options={view.members.map((m) => ({ value: m.userId, label: `${m.name}（${m.positionLabel}）` }))} />
        <Typography.Text type={present.length >= quorum ? 'success' : 'warning'} data-testid="committee-quorum">
          出席 {present.length} / {view.members.length} 人，法定人数 {quorum} 人（{share(view.quorumShare)}）
        </Typography.Text>
        <Tooltip title={blocked ?? undefined}>
          <Button
            type="primary"
            disabled={Boolean(blocked)}
            loading={openSession.isPending}
            onClick={() => openSession.mutateAsync({ heldOn, presentUserIds: present }).then(() => void message.success('全体会议已开始，出席委员可以投票')).catch((e: unknown) => void message.error(errorWithFields(e)))}
          >
            开始会议并开放投票
          </Button>
        </Tooltip>
      </Space>
    </Card>
  );
}

function OpenSessionCard({ editionId, view, session }: { editionId: string; view: CommitteeView; session: SessionView }) {
  const { message } = App.useApp();
  const calls = officeCalls(editionId);
  const close = useCommitteeMutation(editionId, calls.close);
  const voidRound = useCommitteeMutation(editionId, calls.voidRound);
  const [documentNumber, setDocumentNumber] = useState('');
  const [voiding, setVoiding] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const present = useMemo(() => view.members.filter((m) => session.presentUserIds.includes(m.userId)), [view.members, session.presentUserIds]);
  const voted = new Set(session.votedUserIds);
  const pending = present.filter((m) => !voted.has(m.userId));
  const doClose = () =>
    close
      .mutateAsync({ sessionId: session.id, documentNumber: documentNumber.trim() })
      .then(() => {
        setProblem(null);
        void message.success('已闭会计票，决议已记录');
      })
      .catch((e: unknown) => setProblem(errorWithFields(e)));
  return (
    <Card title={`全体会议进行中（${session.heldOn}）`} extra={<Tag color="processing">投票中</Tag>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="committee-progress">
          已投票 {voted.size} / 出席 {present.length} 人；表决名单 {session.candidateCount} 个申报。投票为无记名，此处只显示谁已投票。
        </Typography.Text>
        <Space wrap>
          {present.map((m) => (
            <Tag key={m.userId} color={voted.has(m.userId) ? 'green' : 'default'}>
              {m.name}：{voted.has(m.userId) ? '已投票' : '未投票'}
            </Tag>
          ))}
        </Space>
        {problem ? <Alert type="error" showIcon title={problem} /> : null}
        <Space wrap>
          <Input placeholder="决议文号（必填）" value={documentNumber} onChange={(e) => setDocumentNumber(e.target.value)} style={{ width: 260 }} aria-label="决议文号" />
          <Tooltip title={documentNumber.trim() ? undefined : '请填写决议文号'}>
            <Button
              type="primary"
              disabled={!documentNumber.trim()}
              loading={close.isPending}
              onClick={() =>
                Modal.confirm({
                  title: '确认闭会计票？',
                  content: pending.length ? `还有 ${pending.length} 名出席委员未投票（${pending.map((m) => m.name).join('、')}），闭会后不能再投票。` : '出席委员均已投票。闭会后按表决结果形成决议，不能撤回。',
                  okText: '闭会计票',
                  onOk: doClose,
                })
              }
            >
              闭会计票
            </Button>
          </Tooltip>
          <Button danger onClick={() => setVoiding(true)}>
            宣布本轮表决无效
          </Button>
        </Space>
      </Space>
      <ReasonModal
        open={voiding}
        title="宣布本轮表决无效"
        reasonLabel="理由"
        okText="宣布无效"
        danger
        warning="本轮票数保留在纪要中，不形成决议；建议候选保持不变，可重新召开会议表决。"
        onSubmit={({ reason }) => voidRound.mutateAsync({ sessionId: session.id, reason }).then(() => setProblem(null))}
        onClose={() => setVoiding(false)}
      />
    </Card>
  );
}
