import { Result } from 'antd';

/** Stands in for a page another branch builds (the expert's pages of issue 11) until it is merged. */
export default function PendingPage() {
  return <Result status="info" title="页面建设中" subTitle="该页面即将上线" />;
}
