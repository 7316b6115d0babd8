import { FaultController } from '../faults/fault-controller'
import type { LoginCode } from './login-code'
import type { SimOrder } from './sim-order'
import type { SimulatorStats } from './simulator-stats'

/** Everything the simulator remembers, in memory: orders, login codes, faults and counters. */
export class SimulatorState {
  /** Orders by `store_no` + `order_no`. */
  readonly orders = new Map<string, SimOrder>()
  /** Orders by WeChat prepay id. */
  readonly ordersByPrepayId = new Map<string, SimOrder>()
  /** Orders by Alipay trade number. */
  readonly ordersByTradeNo = new Map<string, SimOrder>()
  /** Minted login codes by code. */
  readonly loginCodes = new Map<string, LoginCode>()
  /** The current fault set. */
  readonly faults = new FaultController()
  /** Counters for exactly-once checks. */
  stats: SimulatorStats = emptyStats()
  private sequence = 0

  /** A number that never repeats within this simulator's life (reset keeps counting). */
  nextSequence(): number {
    this.sequence += 1
    return this.sequence
  }

  /** Counts one call of a route. */
  countCall(route: string): void {
    this.stats.calls[route] = (this.stats.calls[route] ?? 0) + 1
  }

  /** The order `order_no` of `store_no`, or of any store when `store_no` is not given. */
  findOrder(orderNo: string, storeNo?: string): SimOrder | undefined {
    if (storeNo !== undefined) return this.orders.get(orderKey(storeNo, orderNo))
    for (const order of this.orders.values()) if (order.order_no === orderNo) return order
    return undefined
  }

  /** Stores a new order and indexes its wallet references. */
  addOrder(order: SimOrder): void {
    this.orders.set(orderKey(order.store_no, order.order_no), order)
    if (order.prepay_id) this.ordersByPrepayId.set(order.prepay_id, order)
    if (order.trade_no) this.ordersByTradeNo.set(order.trade_no, order)
  }

  /** Forgets every order, code, fault and counter. */
  reset(): void {
    this.orders.clear()
    this.ordersByPrepayId.clear()
    this.ordersByTradeNo.clear()
    this.loginCodes.clear()
    this.faults.clear()
    this.stats = emptyStats()
  }
}

function orderKey(storeNo: string, orderNo: string): string {
  return `${storeNo}\u0000${orderNo}`
}

function emptyStats(): SimulatorStats {
  return { calls: {}, orders: {}, notifications: { sent: 0, acknowledged: 0 } }
}
