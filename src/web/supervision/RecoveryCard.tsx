import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDetail } from '../../contract/supervision';
import { formatFen } from '../../domain/awards/prize-money';
import { useMe } from '../api/client';
import { recoveryStatus } from './case-view';

/** After a revocation: the prize money paid and recovered, the items still out and those recovered (the awards ledger). */
export function RecoveryCard({ detail }: { detail: CaseDetail }) {
  const me = useMe();
  const recovery = detail.recovery;
  // The ledger matters once the government has revoked the award.
  if (!recovery || detail.outcome !== 'revoked') return null;
  const { recoveredFen, owedFen, itemsLeft, complete: done } = recoveryStatus(recovery);
  // The office records recoveries on the edition's 证书与奖金 tab.
  const ledger = me.data?.user.roles.includes('office') ? `/decision/${detail.editionId}?tab=awards` : null;
  return (
    <Card title="奖金、证书和奖杯的收回" size="small" data-testid="case-recovery">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type={done ? 'success' : 'warning'} showIcon title={done ? '奖金和奖励物品已全部收回' : '奖项已撤销，尚有奖金或奖励物品未收回'} />
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="已拨付奖金（元）">{formatFen(recovery.moneyPaidFen)}</Descriptions.Item>
          <Descriptions.Item label="已追回奖金（元）">
            <span data-testid="recovery-money">{formatFen(recoveredFen)}</span>
            {owedFen > 0 ? <Typography.Text type="danger">　尚欠 {formatFen(owedFen)}</Typography.Text> : null}
          </Descriptions.Item>
          <Descriptions.Item label="尚未收回">
            <Space size={4} wrap>
              {itemsLeft.map((i) => (
                <Tag key={i} color="red">
                  {i}
                </Tag>
              ))}
              {itemsLeft.length === 0 ? '—' : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="已收回">
            <Space size={4} wrap>
              {recovery.itemsRecovered.map((i) => (
                <Tag key={i} color="green">
                  {i}
                </Tag>
              ))}
              {recovery.itemsRecovered.length === 0 ? '—' : null}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {ledger ? (
          <Link to={ledger} data-testid="recovery-ledger-link">
            到“证书与奖金”登记奖金追回和物品收回 →
          </Link>
        ) : null}
      </Space>
    </Card>
  );
}
