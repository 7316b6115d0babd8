/**
 * The signed-in part of the console, one chunk per page (and one for the layout with antd's
 * provider), loaded on demand so that 登录 needs neither antd nor ECharts. A chunk is fetched once:
 * calling a loader again answers the same module, so preloading one and rendering it later share it.
 */
export const pageChunks = {
  layout: () => import('./components/app-layout'),
  orders: () => import('./pages/orders-page'),
  orderDetail: () => import('./pages/order-detail-page'),
  review: () => import('./pages/review-page'),
  overview: () => import('./pages/overview-page'),
  doctor: () => import('./pages/doctor-page'),
}
