import { lazy } from 'react'
import { Navigate, Route, Routes } from 'react-router'

import { RequireSession } from './components/require-session'
import { pageChunks } from './page-chunks'
import { LoginPage } from './pages/login-page'

// Every page but 登录 is its own chunk (antd's components with the pages that use them, ECharts
// with 概览), so the first paint of 登录 waits for React and the router only.
const AppLayout = lazy(() => pageChunks.layout().then((chunk) => ({ default: chunk.AppLayout })))
const OrdersPage = lazy(() => pageChunks.orders().then((chunk) => ({ default: chunk.OrdersPage })))
const OrderDetailPage = lazy(() =>
  pageChunks.orderDetail().then((chunk) => ({ default: chunk.OrderDetailPage })),
)
const ReviewPage = lazy(() => pageChunks.review().then((chunk) => ({ default: chunk.ReviewPage })))
const OverviewPage = lazy(pageChunks.overview)
const DoctorPage = lazy(() => pageChunks.doctor().then((chunk) => ({ default: chunk.DoctorPage })))

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
        <Route path="/overview" element={<OverviewPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/orders" replace />} />
    </Routes>
  )
}
