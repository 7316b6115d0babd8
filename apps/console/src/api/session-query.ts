import { queryOptions } from '@tanstack/react-query'

import { adminApi } from './admin-api'

/**
 * The console session as one query: asked for by main.tsx as the page starts (answered by the
 * preload in index.html), read by the guard, and set by the login page. Never retried: a 401
 * means "log in", and any other failure is shown.
 */
export const sessionQuery = queryOptions({
  queryKey: ['session'] as const,
  queryFn: adminApi.session,
  retry: false,
  // The guard mounts after main.tsx's early ask has often failed already (401 without a cookie):
  // that answer stands, rather than a second request and another round trip before 登录.
  retryOnMount: false,
})
