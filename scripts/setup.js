// @ts-check
/**
 * `npm run setup`: everything a fresh machine needs before `pnpm start` and `pnpm test`, in plain
 * Node with no dependency (pnpm may not exist yet). Checks Node, brings pnpm at the version pinned
 * by package.json `packageManager`, installs the workspace with native-build settings chosen by
 * what the machine has, checks that the SQLite driver loads (rebuilding it for this Node if not),
 * and brings Debian's Chromium for the E2E suite when it is missing and this user may install
 * packages. Each step checks before it acts, so a second run only confirms (a few seconds). CI
 * (.ci/run) runs exactly this.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { sqliteLoadProblem } from './lib/native-addon-check.js'

// Not import.meta.dirname: a Node too old for it must still get the version message below.
const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
/** Where e2e/support/browser.ts looks for the browser unless CHROMIUM_PATH says otherwise. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium'
const STEPS = 5
const started = Date.now()
let stepNumber = 0
let stepStarted = Date.now()
/** @type {string[]} */
const warnings = []

/** @param {string} title */
function step(title) {
  stepNumber += 1
  stepStarted = Date.now()
  console.log(`\n[${stepNumber}/${STEPS}] ${title}`)
}

/** @param {string} message */
function done(message) {
  const seconds = ((Date.now() - stepStarted) / 1000).toFixed(1)
  console.log(`      ✓ ${message} (${seconds} s)`)
}

/** @param {string} message */
function warn(message) {
  console.log(`      ! ${message}`)
  warnings.push(message)
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`      ✗ ${message}`)
  console.error(
    `Set-up stopped at step ${stepNumber}/${STEPS}; fix the above and run \`npm run setup\` again.`,
  )
  process.exit(1)
}

/**
 * Runs a command and captures its output; `status` is null when it could not be started.
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 */
function capture(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8' })
  return { status: result.error ? null : result.status, output: `${result.stdout ?? ''}`.trim() }
}

/**
 * Runs a command with its own output on the terminal (pnpm's and apt's progress).
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 */
function run(command, args, env = process.env) {
  console.log(`      $ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' })
  return result.error ? null : result.status
}

// Under `npm run setup`, npm exports facts about itself as npm_* variables (its prefix, node-gyp,
// user agent, the script being run); the install scripts pnpm runs would read them as the user's
// settings, so children get the environment without them. The user's own npm_config_* stay.
const NPM_RUN_FACTS =
  /^npm_(lifecycle_|package_|command$|execpath$|node_execpath$|config_(user_agent|npm_version|node_gyp|local_prefix|global_prefix|prefix)$)/
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !NPM_RUN_FACTS.test(key)),
)

// ── 1. Node ─────────────────────────────────────────────────────────────────────────────────────
step('Node.js')
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
// package.json engines: ">=20.19 <21 || >=22".
if (!((major === 20 && minor >= 19) || major >= 22)) {
  fail(`Node ${process.version} is too old: install Node 20.19+ or 22+ and run this again.`)
}
done(`Node ${process.version} at ${process.execPath}`)

// ── 2. pnpm ─────────────────────────────────────────────────────────────────────────────────────
const manifest = /** @type {{ packageManager?: string }} */ (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
)
const pnpmVersion = /^pnpm@(\d+\.\d+\.\d+)/.exec(manifest.packageManager ?? '')?.[1]
if (pnpmVersion === undefined) fail('package.json has no packageManager "pnpm@x.y.z"')
step(`pnpm ${pnpmVersion} (package.json packageManager)`)
const pnpmFound = capture('pnpm', ['--version'], childEnv)
if (pnpmFound.status === 0 && pnpmFound.output === pnpmVersion) {
  done(`pnpm ${pnpmVersion} is already there`)
} else {
  console.log(
    `      pnpm ${pnpmFound.status === 0 ? `${pnpmFound.output} is on PATH` : 'is not on PATH'}: installing pnpm ${pnpmVersion} with npm`,
  )
  const status = run('npm', [
    'install',
    '--global',
    '--no-fund',
    '--no-audit',
    `pnpm@${pnpmVersion}`,
  ])
  if (status !== 0) {
    fail(
      `npm could not install pnpm globally: run \`sudo npm install --global pnpm@${pnpmVersion}\` (or \`corepack enable pnpm\`), then \`npm run setup\` again.`,
    )
  }
  const after = capture('pnpm', ['--version'], childEnv)
  if (after.output !== pnpmVersion) {
    const bin = join(capture('npm', ['prefix', '--global']).output, 'bin')
    fail(
      `npm installed pnpm ${pnpmVersion} into ${bin}, but \`pnpm --version\` answers "${after.output || 'not found'}": put ${bin} first on PATH, then run this again.`,
    )
  }
  done(`pnpm ${pnpmVersion} installed`)
}

// ── 3. Native-build settings ───────────────────────────────────────────────────────────────────
// better-sqlite3 is the one native addon. Its install script first tries a prebuilt binary (a
// download that fails on a machine reaching only package registries), then compiles with
// node-gyp, which needs Node's C headers: from `nodedir`, from node-gyp's cache, or downloaded.
// So point nodedir at the headers that ship with the running Node when they are there and match
// its version; otherwise leave node-gyp to its default (prebuilt binary or downloaded headers).
step('native-build settings (better-sqlite3)')
/** @param {string} dir @returns {string | undefined} */
function headersVersion(dir) {
  const file = join(dir, 'include/node/node_version.h')
  if (!existsSync(file)) return undefined
  const text = readFileSync(file, 'utf8')
  const part = (/** @type {string} */ name) =>
    new RegExp(`#define NODE_${name}_VERSION (\\d+)`).exec(text)?.[1] ?? '?'
  return `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`
}
const configured = process.env.npm_config_nodedir
const gypCache = join(
  process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
  'node-gyp',
  process.versions.node,
)
const nodePrefix = dirname(dirname(process.execPath))
if (configured !== undefined && configured !== '') {
  const version = headersVersion(configured)
  childEnv.npm_config_nodedir = configured
  if (version !== process.versions.node) {
    console.log(
      `      ! nodedir=${configured} (your npm config or environment) has headers of Node ${version ?? 'none'}, not ${process.versions.node}: a source build of better-sqlite3 may fail`,
    )
  }
  done(`nodedir=${configured}, as your npm config or environment sets it`)
} else if (existsSync(join(gypCache, 'include/node/node.h'))) {
  done(
    `node-gyp already has Node ${process.versions.node}'s headers in ${gypCache}: nothing to set`,
  )
} else if (headersVersion(nodePrefix) === process.versions.node) {
  childEnv.npm_config_nodedir = nodePrefix
  done(`nodedir=${nodePrefix}: this Node's own headers, so a source build downloads nothing`)
} else {
  done(
    `no local headers for Node ${process.versions.node}: better-sqlite3's prebuilt binary (or downloaded headers) will do`,
  )
}

// ── 4. Workspace ───────────────────────────────────────────────────────────────────────────────
step('workspace (pnpm install --frozen-lockfile)')
if (run('pnpm', ['install', '--frozen-lockfile'], childEnv) !== 0) {
  fail('pnpm install failed (its message is above)')
}
let sqlite = sqliteLoadProblem(root)
if (sqlite !== undefined) {
  console.log(`      ${sqlite}: rebuilding it for this Node`)
  if (run('pnpm', ['rebuild', '--recursive', 'better-sqlite3'], childEnv) !== 0) {
    fail('pnpm rebuild better-sqlite3 failed (its message is above)')
  }
  sqlite = sqliteLoadProblem(root)
  if (sqlite !== undefined) fail(sqlite)
}
done('installed; better-sqlite3 loads in this Node')

// ── 5. Debian's tools that the tests drive ─────────────────────────────────────────────────────
step('Debian tools for `pnpm test`: Chromium (E2E), nginx (the proxy test), promtool (alert rules)')
/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * One tool a test suite runs: where Debian puts it, the variable that points elsewhere, and the
 * package (with its apt-get options) that brings it.
 * @typedef {{ name: string, path: string, variable: string, package: string, options: string[] }} Tool
 */
/** @type {Tool[]} */
const TOOLS = [
  {
    name: 'Chromium',
    path: DEBIAN_CHROMIUM,
    variable: 'CHROMIUM_PATH',
    package: 'chromium',
    options: [],
  },
  {
    name: 'nginx',
    path: '/usr/sbin/nginx',
    variable: 'NGINX_PATH',
    package: 'nginx-light',
    options: [],
  },
  // Debian's prometheus package ships promtool; its recommended extras are not needed.
  {
    name: 'promtool',
    path: '/usr/bin/promtool',
    variable: 'PROMTOOL_PATH',
    package: 'prometheus',
    options: ['--no-install-recommends'],
  },
]

/** @type {Tool[]} */
const missing = []
for (const tool of TOOLS) {
  const chosen = process.env[tool.variable]
  if (chosen !== undefined && chosen !== '') {
    // Installing Debian's package would not put the tool at a path the user chose.
    if (isExecutable(chosen)) done(`${tool.name}: ${tool.variable}=${chosen}`)
    else
      warn(
        `${tool.variable}=${chosen} is not an executable file: point it at ${tool.name}, or unset it and run \`npm run setup\` again to get Debian's (${tool.path})`,
      )
  } else if (isExecutable(tool.path)) {
    done(`${tool.name}: ${tool.path}`)
  } else {
    missing.push(tool)
  }
}

if (missing.length > 0) {
  const command = (/** @type {Tool} */ tool) =>
    `sudo apt-get install -y ${tool.options.join(' ')} ${tool.package}`.replace(/ {2,}/g, ' ')
  const isRoot = process.getuid?.() === 0
  const sudo = !isRoot && capture('sudo', ['-n', 'true']).status === 0
  if (capture('apt-get', ['--version']).status !== 0) {
    for (const tool of missing)
      warn(
        `no ${tool.name} at ${tool.path} and no apt-get here: install it and set ${tool.variable} to its binary`,
      )
  } else if (!isRoot && !sudo) {
    for (const tool of missing)
      warn(
        `no ${tool.name} at ${tool.path}, and installing it needs root: run \`${command(tool)}\``,
      )
  } else {
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const apt = (/** @type {string[]} */ args) =>
      sudo
        ? run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args])
        : run('apt-get', args, aptEnv)
    // A new machine's package lists may be empty or old: update them first. Another apt-get
    // running (unattended upgrades, a second set-up) holds dpkg's lock: wait for it.
    const wait = ['-o', 'DPkg::Lock::Timeout=300']
    if (apt(['update', '-qq', ...wait]) !== 0) fail('apt-get update failed (its message is above)')
    for (const tool of missing) {
      console.log(`      installing ${tool.package} (${tool.name})…`)
      if (apt(['install', '-y', '-qq', ...wait, ...tool.options, tool.package]) !== 0) {
        fail(`apt-get could not install ${tool.package}: run \`${command(tool)}\` yourself`)
      }
      if (!isExecutable(tool.path)) fail(`apt-get finished but ${tool.path} is missing`)
      done(`${tool.name}: installed ${tool.path}`)
    }
  }
}

// Chinese text in the E2E screenshots needs a CJK font; tests pass without it, screenshots show
// empty boxes. Installed alongside the tools when set-up may use apt-get, otherwise only named.
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
if (existsSync(CJK_FONT)) {
  done(`CJK font for screenshots: ${CJK_FONT}`)
} else if (process.getuid?.() === 0 && capture('apt-get', ['--version']).status === 0) {
  const wait = ['-o', 'DPkg::Lock::Timeout=300']
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (run('apt-get', ['install', '-y', '-qq', ...wait, 'fonts-wqy-microhei'], env) === 0) {
    done('CJK font for screenshots: installed fonts-wqy-microhei')
  } else {
    console.log(
      '      (no CJK font: screenshots will show boxes; `apt-get install fonts-wqy-microhei`)',
    )
  }
} else {
  console.log(
    '      (no CJK font: screenshots will show boxes; `sudo apt-get install fonts-wqy-microhei`)',
  )
}

// ── Next ───────────────────────────────────────────────────────────────────────────────────────
const total = ((Date.now() - started) / 1000).toFixed(0)
console.log(`\nSet-up done in ${total} s.`)
if (warnings.length > 0) {
  console.log('Before `pnpm test` can pass:')
  for (const warning of warnings) console.log(`  ! ${warning}`)
}
console.log(`
Next:
  pnpm start    # the demo at http://127.0.0.1:3000/ (Ctrl-C stops it)
  pnpm test     # every suite, ending with "N passed, N failed" (PostgreSQL too with TEST_DATABASE_URL)
`)
