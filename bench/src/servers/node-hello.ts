/** Baseline child: a bare `node:http` server answering a small JSON body on every path. */
import { createServer } from 'node:http'

import { applyServerOptions } from '../server-options'

const body = JSON.stringify({ hello: 'world' })
const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  response.end(body)
})
applyServerOptions(server)
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1')
process.once('SIGTERM', () => server.close(() => process.exit(0)))
