import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { accessSync, chmodSync, constants, readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Certificate } from './self-signed-certificate'

const HERE = dirname(fileURLToPath(import.meta.url))
/** The documented configuration, run as shipped apart from addresses and paths. */
export const QUICKPAY_CONF = resolve(
  HERE,
  '..',
  '..',
  '..',
  '..',
  'deploy',
  'nginx',
  'quickpay.conf',
)
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

/** A running nginx with deploy/nginx/quickpay.conf. */
export interface NginxServer {
  httpsUrl: string
  httpUrl: string
  /** Everything nginx wrote to its error log so far. */
  errorLog(): string
  stop(): Promise<void>
}

/** Throws, naming the command to run, when Debian's nginx is not installed. */
export function requireNginx(): void {
  try {
    accessSync(NGINX, constants.X_OK)
  } catch {
    throw new Error(
      `nginx is not installed (no ${NGINX}): run \`apt-get install -y nginx-light\` (as root), or set NGINX_PATH to an nginx binary`,
    )
  }
}

/** Replaces `from` with `to` in `text`, insisting it occurs: a changed config must not be tested half-rewritten. */
function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from))
    throw new Error(`deploy/nginx/quickpay.conf no longer contains ${JSON.stringify(from)}`)
  return text.split(from).join(to)
}

function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 10_000
  return new Promise((done, fail) => {
    const attempt = (): void => {
      if (child.exitCode !== null)
        return fail(new Error(`nginx exited (${child.exitCode}):\n${log()}`))
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        done()
      })
      socket.once('error', () => {
        socket.destroy()
        if (Date.now() > until) fail(new Error(`nginx did not listen on ${port}:\n${log()}`))
        else setTimeout(attempt, 50)
      })
    }
    attempt()
  })
}

/**
 * Starts nginx in the foreground with the shipped quickpay.conf inside a minimal nginx.conf of
 * its own (pid, logs and temp files in `dir`), listening on loopback ports, proxying to `bffPort`.
 */
export async function startNginx(options: {
  dir: string
  certificate: Certificate
  httpsPort: number
  httpPort: number
  bffPort: number
}): Promise<NginxServer> {
  requireNginx()
  const { dir } = options
  // Workers run as nobody when the master is root: they need to enter the folder for temp files.
  chmodSync(dir, 0o755)
  let conf = readFileSync(QUICKPAY_CONF, 'utf8')
  conf = replaceOnce(conf, 'server 127.0.0.1:3000;', `server 127.0.0.1:${options.bffPort};`)
  conf = replaceOnce(conf, '    listen 80;\n', `    listen 127.0.0.1:${options.httpPort};\n`)
  conf = replaceOnce(conf, '    listen [::]:80;\n', '')
  conf = replaceOnce(
    conf,
    '    listen 443 ssl http2;\n',
    `    listen 127.0.0.1:${options.httpsPort} ssl http2;\n`,
  )
  conf = replaceOnce(conf, '    listen [::]:443 ssl http2;\n', '')
  conf = replaceOnce(conf, '/etc/ssl/quickpay/fullchain.pem', options.certificate.certPath)
  conf = replaceOnce(conf, '/etc/ssl/quickpay/privkey.pem', options.certificate.keyPath)
  writeFileSync(join(dir, 'quickpay.conf'), conf)
  const errorLogPath = join(dir, 'error.log')
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'worker_processes 1;',
      'daemon off;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${errorLogPath} info;`,
      'events { worker_connections 128; }',
      'http {',
      `  access_log ${join(dir, 'access.log')};`,
      `  client_body_temp_path ${join(dir, 'client_body')};`,
      `  proxy_temp_path ${join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${join(dir, 'scgi')};`,
      `  include ${join(dir, 'quickpay.conf')};`,
      '}',
      '',
    ].join('\n'),
  )
  const errorLog = (): string => {
    try {
      return readFileSync(errorLogPath, 'utf8')
    } catch {
      return ''
    }
  }
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', errorLogPath]
  const tested = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' })
  if (tested.status !== 0) throw new Error(`nginx -t refused the configuration:\n${tested.stderr}`)
  const child = spawn(NGINX, args, { stdio: 'ignore' })
  await waitForPort(options.httpsPort, child, errorLog)
  return {
    httpsUrl: `https://127.0.0.1:${options.httpsPort}`,
    httpUrl: `http://127.0.0.1:${options.httpPort}`,
    errorLog,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((done) => child.once('exit', done))
      child.kill('SIGQUIT')
      await exited
    },
  }
}
