import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  test
} from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import type http from 'node:http'
import type { PeerCertificate } from 'node:tls'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadConfig, type Service } from '../src/config.js'
import { probeService, tlsReason } from '../src/probe.js'
import {
  closeAllServers,
  closingServer,
  healthyServer,
  makeService,
  redirectToServer,
  silentServer,
  type ServiceOptions
} from './helpers/servers.js'
import {
  closeAllTlsServers,
  createPki,
  httpsServer,
  type Pki
} from './helpers/tls.js'

let pki: Pki

beforeAll(async () => {
  pki = await createPki()
})
afterAll(async () => {
  await pki.remove()
})
afterEach(async () => {
  await Promise.all([closeAllServers(), closeAllTlsServers()])
})

/** A service that trusts these PEM certificates besides the public roots. */
function trusting(
  url: string,
  ca: string[],
  options: ServiceOptions = {}
): Service {
  return { ...makeService(url, options), tls: { ca } }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const value = await fn()
  return [value, performance.now() - started]
}

/** The same URL with https:// instead of http://. */
function overTls(url: string): string {
  return url.replace(/^http:/, 'https:')
}

describe('an HTTPS service the config trusts', () => {
  test('a certificate issued by a CA the service trusts is healthy', async () => {
    const server = await httpsServer(pki.good)
    const result = await probeService(trusting(server.url, [pki.rootCa]))
    expect(result).toEqual({
      status: 'healthy',
      http_status: 200,
      latency_ms: expect.any(Number),
      attempts: 1,
      error: null
    })
    expect(server.requests()).toBe(1)
  })

  test('a self-signed certificate given as the ca-file is trusted', async () => {
    const server = await httpsServer(pki.selfSigned)
    const result = await probeService(
      trusting(server.url, [pki.selfSigned.cert])
    )
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
  })

  test('a service behind a private CA and its intermediate is healthy when the config file trusts the root', async () => {
    const server = await httpsServer(pki.chained)
    const path = join(pki.dir, 'private-ca.yml')
    await writeFile(
      path,
      `tls: { ca-file: root.pem }\nservices:\n  - { name: api, url: '${server.url}', retries: 0 }\n`
    )
    const config = await loadConfig({ path, baseUrl: '', servicesText: '' })
    const result = await probeService(config.services[0]!)
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
  })

  test('a service trusts both the top-level ca-file and its own', async () => {
    const fromRoot = await httpsServer(pki.good)
    const fromOther = await httpsServer(pki.otherCaGood)
    const path = join(pki.dir, 'both-cas.yml')
    await writeFile(
      path,
      [
        'tls: { ca-file: root.pem }',
        'services:',
        `  - { name: a, url: '${fromRoot.url}', retries: 0, tls: { ca-file: other-root.pem } }`,
        `  - { name: b, url: '${fromOther.url}', retries: 0, tls: { ca-file: other-root.pem } }`
      ].join('\n')
    )
    const config = await loadConfig({ path, baseUrl: '', servicesText: '' })
    const results = await Promise.all(
      config.services.map((s) => probeService(s))
    )
    expect(results.map((r) => r.status)).toEqual(['healthy', 'healthy'])
  })

  test('an http:// URL that redirects to https:// is followed to a healthy answer', async () => {
    const target = await httpsServer(pki.good)
    const server = await redirectToServer(target.url)
    const result = await probeService(trusting(server.url, [pki.rootCa]))
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
    expect([server.requests(), target.requests()]).toEqual([1, 1])
  })
})

describe('certificates that are refused', () => {
  test('an expired certificate is down with a reason that says it expired', async () => {
    const server = await httpsServer(pki.expired)
    const result = await probeService(trusting(server.url, [pki.rootCa]))
    expect(result).toEqual({
      status: 'down',
      http_status: null,
      latency_ms: null,
      attempts: 1,
      error: 'TLS: certificate has expired'
    })
    expect(server.requests()).toBe(0)
  })

  test('a certificate for another host is down with the names it is for', async () => {
    const server = await httpsServer(pki.otherHost)
    const result = await probeService(trusting(server.url, [pki.rootCa]))
    expect(result).toMatchObject({
      status: 'down',
      http_status: null,
      error:
        'TLS: certificate is for other.example, www.other.example, not 127.0.0.1'
    })
    expect(server.requests()).toBe(0)
  })

  test('an untrusted self-signed certificate is down as an unknown certificate authority', async () => {
    const server = await httpsServer(pki.selfSigned)
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      http_status: null,
      error: 'TLS: unknown certificate authority'
    })
    expect(server.requests()).toBe(0)
  })

  test('a private CA the config does not trust is down as an unknown certificate authority', async () => {
    const server = await httpsServer(pki.chained)
    const result = await probeService(makeService(server.url))
    expect(result).toMatchObject({
      status: 'down',
      error: 'TLS: unknown certificate authority'
    })
  })

  test('a certificate from a CA other than the trusted one is down as an unknown certificate authority', async () => {
    const server = await httpsServer(pki.otherCaGood)
    const result = await probeService(trusting(server.url, [pki.rootCa]))
    expect(result).toMatchObject({
      status: 'down',
      error: 'TLS: unknown certificate authority'
    })
  })

  test('a CA one service trusts is not trusted for another service of the same server', async () => {
    const server = await httpsServer(pki.good)
    const trusted = await probeService(trusting(server.url, [pki.rootCa]))
    const other = await probeService(makeService(server.url))
    expect([trusted.status, other.status]).toEqual(['healthy', 'down'])
    expect(other.error).toBe('TLS: unknown certificate authority')
  })

  test('a refused certificate is retried like any failure', async () => {
    const server = await httpsServer(pki.expired)
    const result = await probeService(
      trusting(server.url, [pki.rootCa], { retries: 1 })
    )
    expect(result).toMatchObject({
      status: 'down',
      attempts: 2,
      error: 'TLS: certificate has expired'
    })
  })

  test('an https:// URL on a server that does not speak TLS is down as a failed handshake', async () => {
    const server = await healthyServer()
    const result = await probeService(makeService(overTls(server.url)))
    expect(result).toMatchObject({
      status: 'down',
      http_status: null,
      error: 'TLS: handshake failed: the server does not speak TLS on this port'
    })
  })

  test('a server that closes the connection during the handshake is down saying so', async () => {
    const server = await closingServer()
    const result = await probeService(makeService(overTls(server.url)))
    expect(result).toMatchObject({
      status: 'down',
      http_status: null,
      error: 'TLS: connection closed during the handshake'
    })
  })

  test('a redirect to an https:// URL with an expired certificate is down with the TLS reason', async () => {
    const target = await httpsServer(pki.expired)
    const server = await redirectToServer(target.url)
    const result = await probeService(trusting(server.url, [pki.rootCa]))
    expect(result).toMatchObject({
      status: 'down',
      error: 'TLS: certificate has expired'
    })
  })

  test('names in a certificate that are not plain host names are left out of the reason', () => {
    const error = Object.assign(new Error('altname'), {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      cert: {
        subjectaltname:
          'DNS:"::error::injected\\nline", DNS:api.example.com, IP Address:10.0.0.1'
      }
    }) as unknown as Parameters<typeof tlsReason>[0]
    expect(tlsReason(error, new URL('https://127.0.0.1:8443/'))).toBe(
      'TLS: certificate is for api.example.com, 10.0.0.1, not 127.0.0.1'
    )
  })
})

describe('tlsReason', () => {
  const HTTPS = new URL('https://api.example.com:8443/health')

  /** An error as Node's TLS layer raises it. */
  function tlsError(
    code: string,
    message = 'failed',
    cert?: Partial<PeerCertificate>
  ): Parameters<typeof tlsReason>[0] {
    return Object.assign(new Error(message), {
      code,
      cert
    }) as unknown as Parameters<typeof tlsReason>[0]
  }

  const altname = (cert?: Partial<PeerCertificate>, url = HTTPS) =>
    tlsReason(tlsError('ERR_TLS_CERT_ALTNAME_INVALID', 'altname', cert), url)

  test('an error on a plain-HTTP URL is never given a TLS reason', () => {
    expect(
      tlsReason(
        tlsError('CERT_HAS_EXPIRED', 'wrong version number'),
        new URL('http://api.example.com/health')
      )
    ).toBeUndefined()
  })

  test('a certificate for another host that names no host says only whom it is not for', () => {
    expect(altname()).toBe('TLS: certificate is not for api.example.com')
  })

  test('an IPv6 host is named without its brackets', () => {
    expect(
      altname(undefined, new URL('https://[2001:db8::1]:8443/health'))
    ).toBe('TLS: certificate is not for 2001:db8::1')
  })

  test('a certificate with more than three names shows three and counts the rest', () => {
    expect(
      altname({
        subjectaltname:
          'DNS:a.example, DNS:b.example, DNS:c.example, DNS:d.example, IP Address:10.0.0.9'
      })
    ).toBe(
      'TLS: certificate is for a.example, b.example, c.example and 2 more, not api.example.com'
    )
  })

  test('a certificate with exactly three names shows them all', () => {
    expect(
      altname({
        subjectaltname: 'DNS:a.example, DNS:b.example, DNS:c.example'
      })
    ).toBe(
      'TLS: certificate is for a.example, b.example, c.example, not api.example.com'
    )
  })

  test('a certificate without alternative names is named by its common name', () => {
    expect(
      altname({ subject: { CN: 'old.example' } as PeerCertificate['subject'] })
    ).toBe('TLS: certificate is for old.example, not api.example.com')
  })

  test('a certificate whose alternative names are all of other kinds is named by its common name', () => {
    expect(
      altname({
        subjectaltname: 'URI:spiffe://example/api, email:DNS:evil.example',
        subject: { CN: 'svc.example' } as PeerCertificate['subject']
      })
    ).toBe('TLS: certificate is for svc.example, not api.example.com')
  })

  test('a certificate name broken by a line break is left out', () => {
    expect(
      altname({ subjectaltname: 'DNS:a.example\nb, DNS:ok.example' })
    ).toBe('TLS: certificate is for ok.example, not api.example.com')
  })

  test('a connection reset for another reason than the handshake is not a TLS failure', () => {
    expect(
      tlsReason(tlsError('ECONNRESET', 'read ECONNRESET'), HTTPS)
    ).toBeUndefined()
  })

  test('an error that is not about TLS on an https:// URL has no TLS reason', () => {
    expect(
      tlsReason(tlsError('ECONNREFUSED', 'connect ECONNREFUSED'), HTTPS)
    ).toBeUndefined()
  })

  test('a protocol error is a failed handshake naming its code', () => {
    expect(tlsReason(tlsError('EPROTO'), HTTPS)).toBe(
      'TLS: handshake failed (EPROTO)'
    )
  })

  test('an OpenSSL error is a failed handshake naming its code', () => {
    expect(
      tlsReason(tlsError('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), HTTPS)
    ).toBe('TLS: handshake failed (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)')
  })

  test('an OpenSSL error code that is not plain is not shown', () => {
    expect(tlsReason(tlsError('ERR_SSL_xY'), HTTPS)).toBe(
      'TLS: handshake failed'
    )
  })

  test('another certificate error is a rejected certificate naming its code', () => {
    expect(tlsReason(tlsError('CERT_REJECTED'), HTTPS)).toBe(
      'TLS: certificate rejected (CERT_REJECTED)'
    )
  })

  test.each(['XCERT_REJECTED', 'CERT_REJECTEDx'])(
    'the code %s only looks like a certificate error and has no TLS reason',
    (code) => {
      expect(tlsReason(tlsError(code), HTTPS)).toBeUndefined()
    }
  )
})

describe('the bounds of an attempt over TLS', () => {
  test('a TLS handshake that never completes is down after the timeout, not later', async () => {
    const server = await silentServer()
    const [result, elapsed] = await timed(() =>
      probeService(makeService(overTls(server.url), { timeoutMs: 200 }))
    )
    expect(result).toMatchObject({
      status: 'down',
      http_status: null,
      error: 'timeout after 200 ms'
    })
    expect(elapsed).toBeGreaterThanOrEqual(190)
    expect(elapsed).toBeLessThan(2000)
    expect(server.requests()).toBe(1)
  })

  test('an endless body over TLS is read up to 64 KiB and the probe finishes', async () => {
    let sent = 0
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const server = await httpsServer(
      pki.good,
      (_req, res: http.ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        let gone = false
        res.on('close', () => (gone = true))
        const pump = (): void => {
          while (!gone) {
            sent += chunk.length
            if (!res.write(chunk)) return void res.once('drain', pump)
          }
        }
        pump()
      }
    )
    const [result, elapsed] = await timed(() =>
      probeService(trusting(server.url, [pki.rootCa], { timeoutMs: 10_000 }))
    )
    expect(result).toMatchObject({ status: 'healthy', http_status: 200 })
    expect(elapsed).toBeLessThan(5000)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(sent).toBeLessThan(16 * 1024 * 1024)
  })

  test('a redirect loop over TLS is down as a redirect loop', async () => {
    const server = await httpsServer(pki.good, (req, res) => {
      res.writeHead(302, { location: req.url ?? '/health' })
      res.end()
    })
    const result = await probeService(trusting(server.url, [pki.rootCa]))
    expect(result).toMatchObject({
      status: 'down',
      http_status: 302,
      error: 'redirect loop'
    })
    expect(server.requests()).toBe(1)
  })

  test('a probe aborted before its TLS connection starts sends no request', async () => {
    const server = await httpsServer(pki.good)
    const controller = new AbortController()
    const probe = probeService(trusting(server.url, [pki.rootCa]), {
      signal: controller.signal
    })
    controller.abort()
    expect(await probe).toMatchObject({
      status: 'down',
      error: 'deadline exceeded'
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(server.requests()).toBe(0)
  })

  test('every TLS reason is one short line', async () => {
    const servers = await Promise.all([
      httpsServer(pki.expired),
      httpsServer(pki.otherHost),
      httpsServer(pki.selfSigned),
      healthyServer()
    ])
    const results = await Promise.all(
      // A generous timeout: this is about the wording, not about time.
      servers.map((s) =>
        probeService(
          trusting(overTls(s.url), [pki.rootCa], { timeoutMs: 10_000 })
        )
      )
    )
    for (const result of results) {
      expect(result.status).toBe('down')
      expect(result.error).toMatch(/^TLS: [^\r\n]{1,100}$/)
    }
  })
})
