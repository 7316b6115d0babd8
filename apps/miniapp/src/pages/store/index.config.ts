export default definePageConfig({ navigationBarTitleText: 'QuickPay 小店' })
