import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Suspense, useEffect, type ReactNode } from 'react'
import { Navigate, useLocation, useNavigate } from 'react-router'

import { isApiStatus } from '../api/api-error'
import { errorText } from '../api/error-text'
import { setUnauthenticatedHandler } from '../api/request'
import { sessionQuery } from '../api/session-query'
import { PageLoading } from './page-loading'

/**
 * Shows its children only with a live console session; otherwise the login page (remembering
 * where the merchant was going). Any 401 later on, e.g. after the session expired, leads there too.
 * Nothing here uses antd: the guard is in the first chunk, and a merchant without a session goes
 * to 登录, which does not need it.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useQuery(sessionQuery)
  const location = useLocation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      queryClient.removeQueries()
      void navigate('/login', { replace: true, state: { from: location.pathname } })
    })
  }, [queryClient, navigate, location.pathname])

  if (session.isPending) return <PageLoading />
  if (isApiStatus(session.error, 401)) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />
  }
  if (session.isError) {
    return (
      <p role="alert" style={{ margin: 96, textAlign: 'center', color: '#ff4d4f', fontSize: 16 }}>
        {errorText(session.error)}
      </p>
    )
  }
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>
}
