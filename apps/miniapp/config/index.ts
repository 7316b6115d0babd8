import path from 'node:path'

import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import CompressionPlugin from 'compression-webpack-plugin'

import devConfig from './dev'
import { PreloadFirstPage } from './preload-first-page'
import prodConfig from './prod'

const target = process.env.TARO_ENV ?? 'h5'

// The H5 store is served by the BFF itself, so the same origin is the right default there; the
// mini-programs cannot have a relative base URL. A shell variable or an .env file overrides it.
const bffUrlDefault = target === 'h5' ? '' : 'http://127.0.0.1:3000'
const bffUrl = process.env.TARO_APP_BFF_URL ?? bffUrlDefault

// The workspace package is TypeScript source (extensionless imports) and valibot ships modern
// syntax: both go through Babel like our own code.
const compileInclude = [
  path.resolve(__dirname, '../../../packages/contracts/src'),
  (filename: string) =>
    /[\\/]node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?valibot[\\/]/.test(filename),
]

export default defineConfig<'webpack5'>((merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'quickpay-store',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${target}`,
    plugins: [],
    env: { TARO_APP_BFF_URL: JSON.stringify(bffUrl) },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    // Mini-program templates for 8 nesting levels instead of 16 (deeper trees fall back to Taro's
    // `comp` component): our pages are shallow and it keeps base.wxml small for the 500 KiB budget.
    baseLevel: 8,
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy
        // of zod and the contracts (about 200 KB each); sharing them across page chunks too.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
        if (process.env.NODE_ENV !== 'development') {
          // index.html names the store page's own chunks for preloading (preload-first-page.ts).
          chain.plugin('preload-first-page').use(PreloadFirstPage, ['pages/store/index'])
          // Precompressed copies beside every text file over 1 KiB: the BFF's static middleware
          // sends `.br` or `.gz` to a browser that accepts it (nginx passes the store through to
          // the BFF), with no compression work per request. On 4G the scripts are most of a load.
          // The plugin's defaults: best compression, and `.br` / `.gz` beside each file.
          for (const algorithm of ['brotliCompress', 'gzip'] as const) {
            chain
              .plugin(`compress-${algorithm}`)
              .use(CompressionPlugin, [
                { algorithm, test: /\.(js|css|html|svg)$/, threshold: 1024 },
              ])
          }
        }
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
