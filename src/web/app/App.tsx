import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './queryClient';
import { router } from './routes';

dayjs.locale('zh-cn');

const queryClient = createQueryClient();

/** Providers: antd in Simplified Chinese, TanStack Query, the router. */
export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      // antd puts a space between two CJK characters in buttons ("登 录"); keep texts exact.
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4 } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
