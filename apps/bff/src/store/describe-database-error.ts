import { dirname, resolve } from 'node:path'

/** Fields the drivers put on their errors: SQLSTATE / errno / SQLite code, and fs's path. */
interface DriverError {
  code?: unknown
  path?: unknown
  message: string
}

const SQLITE_UNWRITABLE = new Set([
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_READONLY_DBMOVED',
  'SQLITE_PERM',
  'SQLITE_IOERR',
])
const FS_UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC'])

/** "user@host:port/database" for messages: never the password. */
function postgresTarget(url: string): { user: string; host: string; port: string; name: string } {
  try {
    const parsed = new URL(url)
    return {
      user: decodeURIComponent(parsed.username) || 'the default user',
      host: parsed.hostname || 'localhost',
      port: parsed.port || '5432',
      name: decodeURIComponent(parsed.pathname.slice(1)) || 'the default database',
    }
  } catch {
    return { user: '?', host: '?', port: '?', name: '?' }
  }
}

function describePostgres(error: DriverError, url: string): string | undefined {
  const { user, host, port, name } = postgresTarget(url)
  const where = `PostgreSQL at ${host}:${port}`
  switch (error.code) {
    case '3D000':
      return `${where} has no database "${name}": create it (createdb -h ${host} -p ${port} -U ${user} ${name}) or name an existing one in DATABASE_URL.`
    case '28P01':
      return `${where} refused the password of user "${user}": fix the user and password in DATABASE_URL.`
    case '28000':
      return `${where} does not let user "${user}" in (${error.message}): fix the user in DATABASE_URL or the server's pg_hba.conf.`
    case 'ECONNREFUSED':
      return `Nothing answers at ${host}:${port} (connection refused): start PostgreSQL there, or fix the host and port in DATABASE_URL.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host "${host}" in DATABASE_URL does not resolve: fix the host.`
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached (${String(error.code)}): check the host and port in DATABASE_URL and the network to it.`
  }
  if (/timeout exceeded when trying to connect/i.test(error.message)) {
    return `${where} did not answer in time: check the host and port in DATABASE_URL and that the server is up.`
  }
  // Any other server refusal (SQLSTATE: five characters) still deserves one line, not a dump.
  if (typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code)) {
    return `${where} refused to open database "${name}" as "${user}": ${error.message} (SQLSTATE ${error.code}).`
  }
  return undefined
}

function describeSqlite(error: DriverError, url: string): string | undefined {
  const path = resolve(url.slice('file:'.length))
  const code = typeof error.code === 'string' ? error.code : ''
  const fix = `set DATABASE_URL=file:<a writable path>, or make ${dirname(path)} writable for this user.`
  if (code === 'ERR_DLOPEN_FAILED') {
    return 'The SQLite driver (better-sqlite3) was built for another Node.js: run `npm run setup` again (it rebuilds it).'
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return `${path} is not a usable SQLite database (${code}): move it away or point DATABASE_URL at another file.`
  }
  if (SQLITE_UNWRITABLE.has(code)) {
    return `Cannot write the SQLite database ${path} (${code}): ${fix}`
  }
  // fs errors from creating the database's folder: only those on the way to the database file,
  // so an unreadable key file is not blamed on the database.
  if (FS_UNWRITABLE.has(code) && typeof error.path === 'string' && path.startsWith(error.path)) {
    return `Cannot create the SQLite database ${path} (${code} on ${error.path}): ${fix}`
  }
  return undefined
}

/**
 * One line saying what is wrong with the database named by `DATABASE_URL` and how to fix it (a
 * missing database, an unreachable server, a refused password, an unwritable SQLite path), or
 * undefined when `error` is not such a start-up error; the URL's password is never included.
 */
export function describeDatabaseError(error: unknown, databaseUrl: string): string | undefined {
  if (!(error instanceof Error)) return undefined
  const driverError: DriverError = error
  return databaseUrl.startsWith('file:')
    ? describeSqlite(driverError, databaseUrl)
    : describePostgres(driverError, databaseUrl)
}
