import { CloseCircleFilled, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { useLocation, useNavigate } from 'react-router'

import { adminApi } from '../api/admin-api'
import { isApiStatus } from '../api/api-error'
import { errorText } from '../api/error-text'
import { sessionQuery } from '../api/session-query'
import { pageChunks } from '../page-chunks'
import './login-page.css'

/**
 * 登录: the merchant enters the admin token once; the BFF answers an HttpOnly cookie, so the
 * token is never kept by the page (no localStorage, and the field is cleared). Plain elements and
 * CSS rather than antd: this is the page a merchant without a session sees first, and it paints
 * before antd's chunks have even been asked for.
 */
export function LoginPage() {
  const [token, setToken] = useState('')
  // Like antd's required rule: the hint shows once the field was edited or the form submitted.
  const [checked, setChecked] = useState(false)
  const [visible, setVisible] = useState(false)
  const navigate = useNavigate()
  const location = useLocation()
  const queryClient = useQueryClient()
  const from = (location.state as { from?: string } | null)?.from ?? '/orders'
  const login = useMutation({
    mutationFn: (value: string) => adminApi.login(value),
    onSuccess: (session) => {
      setToken('')
      setChecked(false)
      queryClient.setQueryData(sessionQuery.queryKey, session)
      void navigate(from === '/login' ? '/orders' : from, { replace: true })
    },
  })
  // The guard does not ask again for a session that already failed (sessionQuery's retryOnMount),
  // so 登录 drops that answer: leaving without logging in here (the back button, a login in another
  // tab) has the guard ask the BFF afresh.
  useEffect(() => {
    queryClient.removeQueries({ queryKey: sessionQuery.queryKey, exact: true })
  }, [queryClient])
  // While the merchant types, once the page is drawn: the chunks the next page needs.
  useEffect(() => {
    const preload = () => {
      void pageChunks.layout()
      void pageChunks.orders()
    }
    // Safari has no requestIdleCallback: a short timer after the first paint does the same there.
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(preload, 500)
      return () => clearTimeout(timer)
    }
    const idle = requestIdleCallback(preload, { timeout: 2_000 })
    return () => cancelIdleCallback(idle)
  }, [])
  const missing = checked && token === ''
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setChecked(true)
    if (token !== '' && !login.isPending) login.mutate(token)
  }
  return (
    <main className="qp-login">
      <div className="qp-login-card">
        <h1 className="qp-login-title">QuickPay 商户后台</h1>
        <p className="qp-login-hint">
          请输入管理令牌（ADMIN_TOKEN）。登录后令牌只用于换取会话，不会保存在浏览器中。
        </p>
        <form onSubmit={submit} noValidate>
          <div className="qp-login-item" data-invalid={missing}>
            <label className="qp-login-label" htmlFor="login-token">
              管理令牌
            </label>
            <div className="qp-login-field">
              <input
                id="login-token"
                type={visible ? 'text' : 'password'}
                autoComplete="current-password"
                autoFocus
                placeholder="管理令牌"
                aria-invalid={missing}
                aria-describedby={missing ? 'login-token-explain' : undefined}
                value={token}
                onChange={(event) => {
                  setToken(event.target.value)
                  setChecked(true)
                }}
              />
              <button
                type="button"
                className="qp-login-eye"
                aria-label={visible ? '隐藏令牌' : '显示令牌'}
                onClick={() => setVisible((shown) => !shown)}
              >
                {visible ? <EyeOutlined /> : <EyeInvisibleOutlined />}
              </button>
            </div>
            {missing && (
              <div id="login-token-explain" className="qp-login-explain">
                请输入管理令牌
              </div>
            )}
          </div>
          {login.isError && (
            <div className="qp-login-alert" role="alert">
              <span className="qp-login-alert-icon">
                <CloseCircleFilled />
              </span>
              {isApiStatus(login.error, 401) ? '令牌错误，请重新输入' : errorText(login.error)}
            </div>
          )}
          <button type="submit" className="qp-login-submit" aria-busy={login.isPending}>
            登录
          </button>
        </form>
      </div>
    </main>
  )
}
