// The one vocabulary of health, and its icons: a service's state, the
// system's overall status, and what the dashboard says before any check or
// while an emergency stop holds.

/** What one check of a service finds. */
export const SERVICE_STATES = ['healthy', 'degraded', 'down'] as const
export type ServiceState = (typeof SERVICE_STATES)[number]

/** The system's status from its services: any down is critical. */
export const MONITORING_STATUSES = ['healthy', 'degraded', 'critical'] as const
export type OverallStatus = (typeof MONITORING_STATUSES)[number]

/** A service or the system before its first check. */
export const UNKNOWN = 'unknown'

export type Status = ServiceState | OverallStatus | typeof UNKNOWN | 'stopped'

export const STATUS_ICON: Record<Status, string> = {
  healthy: '🟢',
  degraded: '🟡',
  down: '🔴',
  critical: '🔴',
  unknown: '⚪',
  stopped: '⏹️'
}

/** The icon of a status; a word outside the vocabulary reads as unknown. */
export function statusIcon(status: string): string {
  return Object.hasOwn(STATUS_ICON, status)
    ? STATUS_ICON[status as Status]
    : STATUS_ICON.unknown
}
