import { Alert, App, Button, Card, Empty, List, Space, Tag } from 'antd';
import { QueryError } from '../shared/QueryError';
import { errorWithFields } from '../shared/formErrors';
import { publishResults, useComposite, useDecisionMutation } from './api';

/** The office publishes the winners the government approved (Art. 18). */
export default function PublishTab({ editionId }: { editionId: string }) {
  const table = useComposite(editionId);
  const { modal, message } = App.useApp();
  const publish = useDecisionMutation(editionId, (_: void) => publishResults(editionId));
  if (table.isPending) return <Card loading />;
  if (table.isError) return <QueryError error={table.error} onRetry={() => void table.refetch()} />;
  const rows = table.data.rows;
  const approved = rows.filter((r) => r.state === 'government_approved');
  const published = rows.filter((r) => r.state === 'awarded' || r.state === 'nominated' || r.state === 'revoked');
  const confirm = () =>
    modal.confirm({
      title: '公布获奖名单',
      content: `公布经市政府审定的 ${approved.length} 项获奖对象。公布后在公众页面展示并生成获奖证书，不可撤回。`,
      okText: '公布',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await publish.mutateAsync(undefined);
          message.success(`已公布：市长质量奖 ${r.awarded} 项，提名奖 ${r.nominated} 项`);
        } catch (err) {
          message.error(errorWithFields(err));
        }
      },
    });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {approved.length ? (
        <Card title="待公布" size="small">
          <List size="small" dataSource={approved} renderItem={(r) => <List.Item>{r.name}</List.Item>} />
          <Button type="primary" onClick={confirm} loading={publish.isPending} data-testid="publish-results">
            公布获奖名单
          </Button>
        </Card>
      ) : null}
      {published.length ? (
        <Card title="已公布" size="small">
          <List size="small" dataSource={published} renderItem={(r) => <List.Item>{r.name} <Tag color={r.state === 'revoked' ? 'red' : r.state === 'awarded' ? 'gold' : 'blue'}>{r.stateLabel}</Tag></List.Item>} />
          <Alert type="success" showIcon title="获奖名单已在公众页面公布" />
        </Card>
      ) : null}
      {!approved.length && !published.length ? <Empty description="市政府审定后，在这里公布获奖名单" /> : null}
    </Space>
  );
}
