import { Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';

/** Download links for the edition's two Excel exports. */
export function ExportButtons({ editionId }: { editionId: string }) {
  const base = `/api/editions/${encodeURIComponent(editionId)}/export`;
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={`${base}/applications.xlsx`} download>
        导出申报汇总
      </Button>
      <Button icon={<DownloadOutlined />} href={`${base}/qualification.xlsx`} download>
        导出资格审查矩阵
      </Button>
    </Space>
  );
}
