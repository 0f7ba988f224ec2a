// The generic webhook's JSON: the event as it is, and the monitoring report
// when there is one, for receivers that do their own formatting.

import type { Report } from '../health-report.js'
import type { NotifyEvent } from './event.js'

export interface WebhookPayload {
  event: NotifyEvent
  report?: Report
}

/** Untrusted text stays as it is: JSON carries it safely, and the receiver decides how to show it. */
export function webhookPayload(
  event: NotifyEvent,
  report?: Report
): WebhookPayload {
  return report === undefined ? { event } : { event, report }
}
