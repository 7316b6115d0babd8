import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'

import { isApiStatus } from './api/api-error'
import { sessionQuery } from './api/session-query'
import { ConsoleRoutes } from './console-routes'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 401 means "log in again", never "try again".
      retry: (failures, error) => failures < 2 && !isApiStatus(error, 401),
      refetchOnWindowFocus: true,
    },
  },
})

// index.html preloads GET /api/admin/session next to this script, so the answer is (nearly) there
// when the guard asks. It is taken on every page, 登录 too: a preload left unused could otherwise
// answer a later fetch of the session with its old 401.
void queryClient.prefetchQuery(sessionQuery)

const root = document.getElementById('root')
if (root === null) throw new Error('#root is missing from index.html')

// antd's provider is not here but in the layout's chunk (components/ant-design-root.tsx): 登录 is
// drawn without antd, so its first paint does not wait for it.
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/console">
        <ConsoleRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
)
