import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A certificate for 127.0.0.1 and its key, as files and as PEM text. */
export interface Certificate {
  certPath: string
  keyPath: string
  pem: string
}

/** Makes a throw-away self-signed certificate for IP 127.0.0.1 (valid one day) with openssl. */
export function selfSignedCertificate(dir: string): Certificate {
  const certPath = join(dir, 'cert.pem')
  const keyPath = join(dir, 'key.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'pipe' },
  )
  return { certPath, keyPath, pem: readFileSync(certPath, 'utf8') }
}
