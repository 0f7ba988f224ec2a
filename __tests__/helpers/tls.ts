// Certificates made at test time with the openssl command (a root CA, an
// intermediate CA and server certificates: good, expired, for another host,
// self-signed) and real HTTPS servers on 127.0.0.1 port 0 that present them.

import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import type net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { TestServer } from './servers.js'

const run = promisify(execFile)

/** A server's private key and the certificates it presents, in PEM. */
export interface Identity {
  key: string
  /** The server certificate, then any intermediate certificate. */
  cert: string
}

export interface Pki {
  dir: string
  /** The root CA's certificate, and the file that holds it. */
  rootCa: string
  rootCaFile: string
  /** For 127.0.0.1 and localhost, issued by the root CA. */
  good: Identity
  /** For 127.0.0.1, issued by an intermediate CA and sent with it. */
  chained: Identity
  /** For 127.0.0.1, issued by the root CA, valid only on 1 January 2020. */
  expired: Identity
  /** For other.example and www.other.example, issued by the root CA. */
  otherHost: Identity
  /** For 127.0.0.1 and localhost, its own issuer. */
  selfSigned: Identity
  /** For 127.0.0.1 and localhost, issued by a second, unrelated root CA. */
  otherCaGood: Identity
  remove: () => Promise<void>
}

// One openssl configuration for every step; SAN comes from the environment.
const OPENSSL_CONFIG = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $ENV::SAN
[self]
basicConstraints = CA:FALSE
subjectAltName = $ENV::SAN
`

const LOCAL = 'DNS:localhost,IP:127.0.0.1'
const NEW_KEY = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes'

/** Makes every certificate in a new temporary folder (about half a second). */
export async function createPki(): Promise<Pki> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-pki-'))
  /** Runs openssl with words separated by spaces, none containing one. */
  const openssl = async (command: string, san = LOCAL): Promise<void> => {
    await run('openssl', command.split(/\s+/), {
      cwd: dir,
      env: { ...process.env, SAN: san }
    })
  }
  const read = (name: string): Promise<string> =>
    readFile(join(dir, name), 'utf8')
  await writeFile(join(dir, 'openssl.cnf'), OPENSSL_CONFIG)
  await writeFile(join(dir, 'index.txt'), '')
  await writeFile(join(dir, 'serial'), '1000\n')

  const selfSigned = (name: string, extensions: string): Promise<void> =>
    openssl(
      `req -x509 ${NEW_KEY} -config openssl.cnf -extensions ${extensions} ` +
        `-keyout ${name}.key -out ${name}.pem -days 2 -subj /CN=${name}`
    )
  /** Signs `name` with CA `issuer`: valid from now for 2 days, or `dates`. */
  const issue = async (
    name: string,
    issuer: string,
    options: { san?: string; extensions?: string; dates?: [string, string] }
  ): Promise<void> => {
    await openssl(
      `req ${NEW_KEY} -config openssl.cnf ` +
        `-keyout ${name}.key -out ${name}.csr -subj /CN=${name}`,
      options.san
    )
    const validity = options.dates
      ? `-startdate ${options.dates[0]} -enddate ${options.dates[1]}`
      : '-days 2'
    await openssl(
      `ca -batch -config openssl.cnf -notext ${validity} ` +
        `-extensions ${options.extensions ?? 'server'} ` +
        `-cert ${issuer}.pem -keyfile ${issuer}.key ` +
        `-in ${name}.csr -out ${name}.pem`,
      options.san
    )
  }
  const identity = async (
    name: string,
    chain: string[] = []
  ): Promise<Identity> => ({
    key: await read(`${name}.key`),
    cert: (await Promise.all([name, ...chain].map((n) => read(`${n}.pem`))))
      .map((pem) => pem.trim())
      .join('\n')
  })

  await selfSigned('root', 'root')
  await selfSigned('other-root', 'root')
  await selfSigned('self', 'self')
  // openssl ca appends to one database: one certificate at a time.
  await issue('intermediate', 'root', { extensions: 'intermediate' })
  await issue('good', 'root', {})
  await issue('chained', 'intermediate', { san: 'IP:127.0.0.1' })
  await issue('expired', 'root', {
    dates: ['20200101000000Z', '20200102000000Z']
  })
  await issue('other-host', 'root', {
    san: 'DNS:other.example,DNS:www.other.example'
  })
  await issue('other-ca-good', 'other-root', {})

  return {
    dir,
    rootCa: await read('root.pem'),
    rootCaFile: join(dir, 'root.pem'),
    good: await identity('good'),
    chained: await identity('chained', ['intermediate']),
    expired: await identity('expired'),
    otherHost: await identity('other-host'),
    selfSigned: await identity('self'),
    otherCaGood: await identity('other-ca-good'),
    remove: () => rm(dir, { recursive: true, force: true })
  }
}

type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  n: number
) => void

const ok: Handler = (_req, res) => {
  const text = JSON.stringify({ status: 'ok' })
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text)
  })
  res.end(text)
}

const open = new Set<TestServer>()

/** Closes every server started here; call it in afterEach. */
export async function closeAllTlsServers(): Promise<void> {
  const servers = [...open]
  open.clear()
  await Promise.all(servers.map((s) => s.close()))
}

/** An HTTPS server presenting `identity`; by default it answers 200 ok. */
export function httpsServer(
  identity: Identity,
  handler: Handler = ok
): Promise<TestServer> {
  let count = 0
  const server = https.createServer(identity, (req, res) => {
    count += 1
    handler(req, res, count)
  })
  server.keepAliveTimeout = 100
  // A client that refuses the certificate ends the handshake: expected here.
  server.on('tlsClientError', () => {})
  const sockets = new Set<net.Socket>()
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      let closing: Promise<void> | undefined
      const handle: TestServer = {
        url: `https://127.0.0.1:${port}/health`,
        port,
        requests: () => count,
        close: () => {
          closing ??= new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          })
          open.delete(handle)
          return closing
        }
      }
      open.add(handle)
      resolve(handle)
    })
  })
}
