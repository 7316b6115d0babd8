import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useLocation, useNavigate } from 'react-router'

import { adminApi } from '../api/admin-api'
import { errorText } from '../api/error-text'
import { SESSION_KEY } from '../components/require-session'

/**
 * 登录: the merchant enters the admin token once; the BFF answers an HttpOnly cookie, so the
 * token is never kept by the page (no localStorage, and the field is cleared).
 */
export function LoginPage() {
  const [form] = Form.useForm<{ token: string }>()
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const from = (location.state as { from?: string } | null)?.from ?? '/orders'
  const login = useMutation({
    mutationFn: (token: string) => adminApi.login(token),
    onSuccess: (session) => {
      form.resetFields()
      queryClient.setQueryData(SESSION_KEY, session)
      void navigate(from === '/login' ? '/orders' : from, { replace: true })
    },
  })
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f5f5f5',
        padding: 16,
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          QuickPay 商户后台
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          请输入管理令牌（ADMIN_TOKEN）。登录后令牌只用于换取会话，不会保存在浏览器中。
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={({ token }) => login.mutate(token)}
          requiredMark={false}
        >
          <Form.Item
            name="token"
            label="管理令牌"
            rules={[{ required: true, message: '请输入管理令牌' }]}
          >
            <Input.Password autoComplete="current-password" autoFocus placeholder="管理令牌" />
          </Form.Item>
          {login.isError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={
                login.error instanceof Error &&
                'status' in login.error &&
                login.error.status === 401
                  ? '令牌错误，请重新输入'
                  : errorText(login.error)
              }
            />
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  )
}
