import * as z from 'zod'

/**
 * `GET /api/config`: what the store learns at run time, so one build serves the demo and
 * production. Nothing here is secret.
 */
export const storeConfigSchema = z.object({
  sandbox: z.boolean(),
  wechat: z.object({
    miniprogram_appid: z.string(),
    official_account_appid: z.string(),
    authorize_url: z.string(),
  }),
  alipay: z.object({
    appid: z.string(),
    authorize_url: z.string(),
  }),
})

/** Run-time store configuration. */
export type StoreConfig = z.infer<typeof storeConfigSchema>
