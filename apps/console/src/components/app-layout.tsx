import {
  AlertOutlined,
  BarChartOutlined,
  LogoutOutlined,
  MedicineBoxOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Badge, Button, Layout, Menu, Spin, Typography } from 'antd'
import { Suspense } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router'

import { adminApi } from '../api/admin-api'
import { AntDesignRoot } from './ant-design-root'

/**
 * The console's frame: a menu (collapsing on narrow windows), a header with logout, the page
 * (each page is its own chunk, so a spinner stands in while one loads).
 */
export function AppLayout() {
  const location = useLocation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const review = useQuery({
    queryKey: ['orders', 'review-count'],
    queryFn: () => adminApi.orders({ pageSize: 1, needsReview: true }),
    refetchInterval: 15_000,
  })
  const logout = useMutation({
    mutationFn: adminApi.logout,
    onSettled: () => {
      queryClient.removeQueries()
      void navigate('/login', { replace: true })
    },
  })
  const section = '/' + (location.pathname.split('/')[1] ?? 'orders')
  return (
    <AntDesignRoot>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
          <div style={{ padding: '20px 24px', fontWeight: 600, fontSize: 16 }}>
            QuickPay 商户后台
          </div>
          <Menu
            mode="inline"
            selectedKeys={[section]}
            onClick={({ key }) => void navigate(key)}
            items={[
              { key: '/orders', icon: <UnorderedListOutlined />, label: '订单' },
              {
                key: '/review',
                icon: <AlertOutlined />,
                label: (
                  <span>
                    待处理{' '}
                    <Badge count={review.data?.total ?? 0} size="small" style={{ marginLeft: 4 }} />
                  </span>
                ),
              },
              { key: '/overview', icon: <BarChartOutlined />, label: '概览' },
              { key: '/doctor', icon: <MedicineBoxOutlined />, label: '体检' },
            ]}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              padding: '0 24px',
              display: 'flex',
              justifyContent: 'flex-end',
              alignItems: 'center',
              gap: 12,
            }}
          >
            <Typography.Text type="secondary">商户</Typography.Text>
            <Button
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={() => logout.mutate()}
            >
              退出登录
            </Button>
          </Layout.Header>
          <Layout.Content style={{ padding: 24, minWidth: 0 }}>
            <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: 48 }} />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntDesignRoot>
  )
}
