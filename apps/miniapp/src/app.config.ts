export default defineAppConfig({
  pages: [
    'pages/store/index',
    'pages/cart/index',
    'pages/checkout/index',
    'pages/pay/index',
    'pages/orders/index',
    'pages/order/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: 'QuickPay 小店',
    navigationBarTextStyle: 'black',
  },
})
