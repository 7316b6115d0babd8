import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Result, Spin } from 'antd'
import { useEffect, type ReactNode } from 'react'
import { Navigate, useLocation, useNavigate } from 'react-router'

import { adminApi } from '../api/admin-api'
import { isApiStatus } from '../api/api-error'
import { errorText } from '../api/error-text'
import { setUnauthenticatedHandler } from '../api/request'

/** The session query's key: shared by the login page (which refreshes it) and the guard. */
export const SESSION_KEY = ['session'] as const

/**
 * Shows its children only with a live console session; otherwise the login page (remembering
 * where the merchant was going). Any 401 later on, e.g. after the session expired, leads there too.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useQuery({ queryKey: SESSION_KEY, queryFn: adminApi.session, retry: false })
  const location = useLocation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      queryClient.removeQueries()
      void navigate('/login', { replace: true, state: { from: location.pathname } })
    })
  }, [queryClient, navigate, location.pathname])

  if (session.isPending) return <Spin size="large" style={{ display: 'block', margin: 96 }} />
  if (isApiStatus(session.error, 401)) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />
  }
  if (session.isError) return <Result status="error" title={errorText(session.error)} />
  return children
}
