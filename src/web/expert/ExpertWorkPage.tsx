import { useState } from 'react';
import { Alert, Button, Card, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { ExpertWork } from '../../contract/technical';
import { KIND_LABELS } from '../applications/labels';
import { QueryError } from '../shared/QueryError';
import { useExpertWork } from './api';
import { ConflictModal, type ConflictTarget } from './ConflictModal';

type Edition = ExpertWork['editions'][number];
type Task = Edition['tasks'][number];

const BOOK_STATUS = {
  draft: <Tag color="processing">评分中</Tag>,
  submitted: <Tag color="success">已提交</Tag>,
} as const;
const bookStatus = (s: Task['scorebook']) => (s ? BOOK_STATUS[s] : <Tag>未开始</Tag>);

/** The expert's work (Art. 24): per edition, first the commitment, then the panels they sit on. */
export default function ExpertWorkPage() {
  const work = useExpertWork();
  const [conflict, setConflict] = useState<ConflictTarget | null>(null);

  if (work.isPending) return <Skeleton active />;
  if (work.isError) return <QueryError error={work.error} onRetry={() => void work.refetch()} />;
  const { editions, expertName } = work.data;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        我的评审任务
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {expertName ? `${expertName}，` : ''}这里列出评审机构分配给您的技术评审任务。点击申报对象进入评分；与申报对象存在利益关系时，请申报回避。
      </Typography.Paragraph>
      {editions.length === 0 ? (
        <Card>
          <Empty description="暂无评审任务。评审机构将您分入评审组后，任务会显示在这里，并发送站内通知。" />
        </Card>
      ) : (
        editions.map((edition) => (
          <EditionTasks key={edition.editionId} edition={edition} onDeclare={(task) => setConflict({ editionId: edition.editionId, applicationId: task.applicationId, applicationName: task.applicationName })} />
        ))
      )}
      <ConflictModal target={conflict} onClose={() => setConflict(null)} />
    </div>
  );
}

function EditionTasks({ edition, onDeclare }: { edition: Edition; onDeclare: (task: Task) => void }) {
  if (!edition.committed) {
    return (
      <Card title={edition.editionName} style={{ marginBottom: 16 }} data-testid={`edition-${edition.editionId}`}>
        <Alert
          type="warning"
          showIcon
          icon={<SafetyCertificateOutlined />}
          data-testid="commitment-required"
          message="请先签署保密和回避承诺"
          description={`按《办法》第二十四条，签署承诺后才能查看本届的评审任务和申报材料。${edition.panels ? `您已被分入 ${edition.panels} 个评审组。` : ''}`}
          action={
            <Link to={`/expert/editions/${edition.editionId}/commitment`}>
              <Button type="primary" data-testid="open-commitment">
                阅读并签署承诺
              </Button>
            </Link>
          }
        />
      </Card>
    );
  }
  return (
    <Card title={edition.editionName} extra={<Tag color="success">已签署承诺</Tag>} style={{ marginBottom: 16 }} data-testid={`edition-${edition.editionId}`}>
      <Table<Task>
        size="middle"
        rowKey={(t) => `${t.applicationId}-${t.stage}`}
        dataSource={edition.tasks}
        pagination={edition.tasks.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: true }}
        locale={{ emptyText: '本届暂无分配给您的评审任务' }}
        data-testid="expert-tasks"
        columns={[
          {
            title: '申报对象',
            dataIndex: 'applicationName',
            render: (name: string, t) => (
              <Link to={`/scorebooks/${t.applicationId}/${t.stage}`} data-testid={`task-${t.applicationId}-${t.stage}`}>
                {name}
              </Link>
            ),
          },
          { title: '类别', dataIndex: 'kind', render: (k: Task['kind']) => KIND_LABELS[k] ?? k },
          { title: '评审环节', dataIndex: 'stageLabel' },
          { title: '角色', dataIndex: 'isLeader', render: (leader: boolean) => (leader ? <Tag color="gold">组长</Tag> : '组员') },
          { title: '我的评分', dataIndex: 'scorebook', render: bookStatus },
          { title: '组内一致意见', dataIndex: 'consensus', render: (s: Task['consensus'], t) => (t.isLeader ? bookStatus(s) : '—') },
          { title: '状态', dataIndex: 'open', render: (open: boolean) => (open ? <Tag color="processing">评分中</Tag> : <Tag>已结束</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_, t) => (
              <Space>
                <Link to={`/scorebooks/${t.applicationId}/${t.stage}`}>{t.open && t.scorebook !== 'submitted' ? '去评分' : '查看'}</Link>
                <Button type="link" size="small" danger onClick={() => onDeclare(t)} data-testid={`declare-conflict-${t.applicationId}`}>
                  申报回避
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
