import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/** A page the signed-in user's roles may not use (the route guard's answer, like the API's 403). */
export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403 无权访问"
      subTitle="当前账号的角色无权使用此页面。如确需使用，请联系系统管理员分配相应角色。"
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          返回工作台
        </Button>
      }
    />
  );
}
