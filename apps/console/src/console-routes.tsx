import { Spin } from 'antd'
import { lazy, Suspense } from 'react'
import { Navigate, Route, Routes } from 'react-router'

import { AppLayout } from './components/app-layout'
import { RequireSession } from './components/require-session'
import { DoctorPage } from './pages/doctor-page'
import { LoginPage } from './pages/login-page'
import { OrderDetailPage } from './pages/order-detail-page'
import { OrdersPage } from './pages/orders-page'
import { ReviewPage } from './pages/review-page'

// ECharts is the largest library here and only 概览 draws charts: it loads with that page.
const OverviewPage = lazy(() => import('./pages/overview-page'))

/** The console's pages: 登录 outside the session, the rest inside the layout. */
export function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<Navigate to="/orders" replace />} />
        <Route path="/orders" element={<OrdersPage />} />
        <Route path="/orders/:orderNo" element={<OrderDetailPage />} />
        <Route path="/review" element={<ReviewPage />} />
        <Route path="/doctor" element={<DoctorPage />} />
        <Route
          path="/overview"
          element={
            <Suspense fallback={<Spin style={{ margin: 48 }} />}>
              <OverviewPage />
            </Suspense>
          }
        />
      </Route>
      <Route path="*" element={<Navigate to="/orders" replace />} />
    </Routes>
  )
}
