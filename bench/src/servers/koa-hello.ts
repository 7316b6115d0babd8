/** Baseline child: a Koa app with one middleware answering a small JSON body. */
import { createServer } from 'node:http'

import Koa from 'koa'

import { applyServerOptions } from '../server-options'

const app = new Koa()
app.use((ctx) => {
  ctx.body = { hello: 'world' }
})
const server = createServer(app.callback())
applyServerOptions(server)
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1')
process.once('SIGTERM', () => server.close(() => process.exit(0)))
