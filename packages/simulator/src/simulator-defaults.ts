/** The apps, store and keys the simulator knows out of the box; `.env.example` points at these. */
export const SIMULATOR_DEFAULTS = {
  storeNo: 'DEMO001',
  wechatMiniprogram: { appid: 'wx0000000000000001', secret: 'sim-miniprogram-secret' },
  wechatOfficialAccount: { appid: 'wx0000000000000002', secret: 'sim-official-account-secret' },
  alipay: { appid: '2021000000000001' },
  wechatPayKey: 'simWechatPayV2ApiKey0000000000001',
} as const
