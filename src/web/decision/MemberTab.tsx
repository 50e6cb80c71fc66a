import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** A committee member deliberates and votes on their own page (declarations of conflict, the ballot sheet). */
export default function MemberTab() {
  return (
    <Result
      status="info"
      title="评审委员会审议"
      subTitle="申报利益冲突回避、查看候选对象的综合评分和投票，请进入评审委员会页面。"
      extra={
        <Link to="/committee">
          <Button type="primary">进入评审委员会</Button>
        </Link>
      }
    />
  );
}
