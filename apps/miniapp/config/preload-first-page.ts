import type { Compiler } from 'webpack'

const NAME = 'PreloadFirstPage'

/**
 * Adds to the H5 build's `index.html` a `<link rel="preload">` for each file of the first page's
 * own chunks (its script, the shared chunks split off beside it, its CSS). Taro loads every page
 * lazily, so without this the browser only learns of them once the app's scripts have arrived and
 * run: a second round of requests before the store can draw, which a slow network pays in full.
 * It runs after html-webpack-plugin has written the page and before the precompressed copies are
 * made of it.
 */
export class PreloadFirstPage {
  /** `page`: the first page's path under `src/`, as in app.config.ts (`pages/store/index`). */
  constructor(private readonly page: string) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 1 },
        () => {
          const html = compilation.getAsset('index.html')
          if (html === undefined) return
          const files = new Set<string>()
          for (const module of compilation.modules) {
            const resource = (module as { resource?: string }).resource ?? ''
            if (!resource.includes(`/src/${this.page}.tsx`)) continue
            for (const chunk of compilation.chunkGraph.getModuleChunksIterable(module)) {
              for (const group of chunk.groupsIterable) {
                for (const member of group.chunks) {
                  if (member.canBeInitial()) continue
                  for (const file of member.files) files.add(file)
                }
              }
            }
          }
          if (files.size === 0) {
            compilation.errors.push(
              new compiler.webpack.WebpackError(`${NAME}: no chunk holds src/${this.page}.tsx`),
            )
            return
          }
          // The build's own public path (the H5 config's `publicPath`), as its script tags use.
          const publicPath = compilation.getPath(compilation.outputOptions.publicPath ?? '')
          const links = [...files]
            .sort()
            .flatMap((file) => {
              const as = file.endsWith('.js') ? 'script' : file.endsWith('.css') ? 'style' : null
              return as === null
                ? []
                : [`<link rel="preload" href="${publicPath}${file}" as="${as}">`]
            })
            .join('')
          const page = html.source.source().toString()
          compilation.updateAsset(
            'index.html',
            new sources.RawSource(page.replace('</head>', `${links}</head>`)),
          )
        },
      )
    })
  }
}
