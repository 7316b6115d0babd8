import type { UserConfigExport } from '@tarojs/cli'

/**
 * Watch builds (`pnpm dev`). Taro's dependency prebundling crashes the H5 watch build with
 * webpack-virtual-modules ("_writeVirtualFile is not a function"), so it is off; and the H5 dev
 * server writes its output to dist/h5, where the BFF serves it (`pnpm dev` opens the store
 * through the BFF, same origin as the API).
 */
export default {
  logger: { quiet: false, stats: true },
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  mini: {},
  h5: {
    devServer: { devMiddleware: { writeToDisk: true } },
  },
} satisfies UserConfigExport<'webpack5'>
