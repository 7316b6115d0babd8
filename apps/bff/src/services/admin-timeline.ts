import type { TimelinePage } from '@quickpay/contracts'

import { errors } from '../errors/errors'
import type { Repository } from '../store/repository'
import { timelineView } from './admin-order-view'

/**
 * One page of an order's timeline, oldest first, after the event with id `after` (0 = from the
 * start): a long timeline (thousands of duplicate notifications) is read a page at a time.
 */
export async function timelinePage(
  repository: Repository,
  orderNo: string,
  page: { after: number; limit: number },
): Promise<TimelinePage> {
  const order = await repository.orders.find(orderNo)
  if (order === undefined) throw errors.orderNotFound()
  const [events, total] = await Promise.all([
    // One more than asked tells whether another page follows.
    repository.orders.listEventsAfter(orderNo, page.after, page.limit + 1),
    repository.orders.countEvents(orderNo),
  ])
  const shown = events.slice(0, page.limit)
  const last = shown.at(-1)
  return {
    events: shown.map((event) => ({ id: event.id, ...timelineView(event) })),
    next_after: events.length > page.limit && last !== undefined ? last.id : null,
    total,
  }
}
