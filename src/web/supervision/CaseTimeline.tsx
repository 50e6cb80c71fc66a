import type { ReactNode } from 'react';
import { Card, Tag, Timeline, Typography } from 'antd';
import { CASE_FINDING_LABELS, CASE_OUTCOME_LABELS, type CaseDetail } from '../../contract/supervision';
import { fmtDate, fmtTime } from '../shared/format';
import { onRevocationPath, stageTimes, timelineStages, type TimelineStage } from './case-view';

interface Entry {
  key: string;
  title: string;
  /** When it happened; null while the step lies ahead. */
  at: string | null;
  body: ReactNode;
  color?: string;
}

const Text = ({ children }: { children: ReactNode }) => <div style={{ whiteSpace: 'pre-wrap', color: '#434343' }}>{children}</div>;

function decisionBody(ref: NonNullable<CaseDetail['proposal']>): ReactNode {
  return (
    <>
      <div>
        文号：<Typography.Text strong>{ref.documentNumber ?? '—'}</Typography.Text>　日期：{fmtDate(ref.decidedOn)}
      </div>
      {ref.note ? <Text>说明：{ref.note}</Text> : null}
    </>
  );
}

/** What a case went through, in order, with the stages still ahead greyed (a closed case shows none ahead). */
function entries(c: CaseDetail): Entry[] {
  const revocation = onRevocationPath(c);
  const at = stageTimes(c);
  const all: Record<TimelineStage, Omit<Entry, 'key' | 'at'>> = {
    opened: {
      title: '立案',
      body: (
        <>
          <div>立案人：{c.reportedBy}</div>
          {c.ground ? (
            <div>
              撤销情形：<Typography.Text strong>{c.ground.article}</Typography.Text> {c.ground.label}
            </div>
          ) : null}
          <Text>{c.facts}</Text>
        </>
      ),
    },
    verified: {
      title: '调查核实',
      color: c.finding === 'unsubstantiated' ? 'gray' : undefined,
      body: c.finding ? (
        <>
          <Tag color={c.finding === 'substantiated' ? 'red' : 'default'}>{CASE_FINDING_LABELS[c.finding]}</Tag>
          {c.verification ? <Text>{c.verification}</Text> : null}
        </>
      ) : (
        '强市办调查核实，登记核查结论'
      ),
    },
    proposal: {
      title: revocation ? '领导小组提请撤销' : '领导小组处理决定',
      body: c.proposal ? decisionBody(c.proposal) : revocation ? '领导小组研究后提请市政府撤销' : '领导小组研究作出处理决定',
    },
    decision: { title: '市政府撤销决定', body: c.decision ? decisionBody(c.decision) : '市政府作出撤销决定（文号、日期）' },
    announcement: { title: '向社会公告', body: c.announcement ? <Text>{c.announcement}</Text> : '强市办向社会公告撤销决定' },
    closed: {
      title: '结案',
      color: c.closedAt ? 'green' : undefined,
      body: c.closedAt ? (
        <>
          {c.outcome ? <Tag color="purple">{CASE_OUTCOME_LABELS[c.outcome]}</Tag> : null}
          {c.closeReason ? <Text>{c.closeReason}</Text> : null}
        </>
      ) : (
        '办结后登记结案'
      ),
    },
  };
  return timelineStages(c).map((key) => ({ key, at: at[key], ...all[key] }));
}

export function CaseTimeline({ detail }: { detail: CaseDetail }) {
  return (
    <Card title="办理经过" size="small" data-testid="case-timeline">
      <Timeline
        items={entries(detail).map((e) => ({
          key: e.key,
          color: e.at ? (e.color ?? 'blue') : 'gray',
          content: (
            <div>
              <div>
                <Typography.Text strong type={e.at ? undefined : 'secondary'}>
                  {e.title}
                </Typography.Text>
                {e.at ? <Typography.Text type="secondary">　{e.at.length > 10 ? fmtTime(e.at) : fmtDate(e.at)}</Typography.Text> : null}
              </div>
              {e.at ? <div data-testid={`timeline-${e.key}`}>{e.body}</div> : <Typography.Text type="secondary">{e.body}</Typography.Text>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
