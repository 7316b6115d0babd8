export default definePageConfig({
  navigationBarTitleText: '我的订单',
  // Pull down to refresh on the mini-programs (usePullDownRefresh in index.tsx).
  enablePullDownRefresh: true,
})
