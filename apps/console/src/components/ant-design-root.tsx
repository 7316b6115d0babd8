import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import type { ReactNode } from 'react'

dayjs.locale('zh-cn')

/**
 * antd's Chinese locale, theme and App context (for `App.useApp().message`) around the signed-in
 * pages. It lives in the layout's chunk rather than in main.tsx so that 登录 loads no antd.
 */
export function AntDesignRoot({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  )
}
