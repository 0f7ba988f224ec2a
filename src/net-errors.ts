// A failed connection as a short, stable reason for reports and logs. Only
// the error code is used: Node's messages can name the host, and a webhook's
// host and path are secret.

export function networkReason(
  error: NodeJS.ErrnoException,
  inBody = false
): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
      return inBody
        ? 'connection reset while reading the body'
        : error.message === 'socket hang up'
          ? 'connection closed without a response'
          : 'connection reset'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found'
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable'
    case 'ETIMEDOUT':
      return 'connection timed out'
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'CERT_HAS_EXPIRED':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `TLS certificate rejected (${error.code})`
    default:
      return error.code?.startsWith('HPE_')
        ? 'invalid HTTP response'
        : /^[A-Z0-9_]{1,40}$/.test(error.code ?? '')
          ? `connection failed (${error.code})`
          : 'connection failed'
  }
}
