import { startSimulator, type RunningSimulator } from '@quickpay/simulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startBffProcess, type BffProcess } from '../support/bff-process'
import { freshDatabase, TEST_DATABASES, type FreshDatabase } from '../support/databases'
import { NOTIFY_PATH, simPayResult } from '../support/payments'
import {
  call,
  create,
  integrityCheck,
  invariantViolations,
  login,
  orderNoOf,
  queryRows,
  sleep,
  walletPay,
  type Shopper,
} from './fault-kit'

const ROUNDS = 5
const WRITERS = 16
/** Creates answered 201 in a round before its kill may come. */
const ACKS_PER_ROUND = 6
const PAID = new Set(['paid', 'partially_refunded', 'refunded'])

interface StoredOrder {
  order_no: string
  status: string
  upstream: string
  cloudpay_param: string | null
  key_state: string | null
  key_status: number | null
  created_events: number
}

/** Each order with its idempotency key and how many `created` events it has. */
const STORED_ORDERS_SQL = `select o.order_no, o.status, o.upstream, o.cloudpay_param,
       k.state as key_state, k.response_status as key_status,
       cast((select count(*) from order_events e
         where e.order_no = o.order_no and e.kind = 'created') as integer) as created_events
  from orders o left join idempotency_keys k on k.order_no = o.order_no`

/** The orders as stored, read straight from the database. */
async function storedOrders(databaseUrl: string): Promise<Map<string, StoredOrder>> {
  const rows = await queryRows<StoredOrder>(databaseUrl, STORED_ORDERS_SQL)
  return new Map(rows.map((row) => [row.order_no, row]))
}

/**
 * On SQLite, concurrent writes share a COMMIT (`group-commit.ts`); on PostgreSQL, a create's two
 * writes are shared by the creates of one turn (`gathered-writes.ts`). Either way an answer must
 * rest on a commit that has returned.
 */
describe.each(TEST_DATABASES)(
  'shared commits on %s under SIGKILL: every acknowledged write survives, nothing is half-written',
  (engine) => {
    let sim: RunningSimulator
    let database: FreshDatabase
    let bff: BffProcess

    beforeAll(async () => {
      sim = await startSimulator({ port: 0, timeScale: 100 })
      database = await freshDatabase(engine)
      bff = await startBffProcess({ databaseUrl: database.url, sim })
    }, 60_000)
    afterAll(async () => {
      await bff?.stop()
      await sim?.close()
      await database?.drop()
    })

    it(`keeps every 201 create and every SUCCESS notification across ${ROUNDS} kills under ${WRITERS} concurrent writers`, async () => {
      const shoppers: Shopper[] = await Promise.all(
        ['gc-a', 'gc-b', 'gc-c', 'gc-d'].map((user) => login(bff.url, sim, user)),
      )
      /** order_no of every create answered 201, and of every notification answered SUCCESS. */
      const acknowledgedCreates = new Set<string>()
      const acknowledgedPayments = new Set<string>()
      const violations: string[] = []

      for (let round = 0; round < ROUNDS; round += 1) {
        let stop = false
        const writer = async (index: number): Promise<void> => {
          const shopper = shoppers[index % shoppers.length]
          while (!stop && shopper !== undefined) {
            const answer = await create(bff.url, shopper.token).catch(() => undefined)
            if (answer?.status === 201) acknowledgedCreates.add(orderNoOf(answer))
          }
        }
        // Orders acknowledged in earlier rounds are paid at the wallet; their notifications race the kill.
        const toPay = [...acknowledgedCreates]
          .filter((orderNo) => sim.state.findOrder(orderNo)?.status === 'CREATE')
          .slice(0, 6)
        await Promise.all(toPay.map((orderNo) => walletPay(sim, orderNo)))
        const notifier = async (orderNo: string): Promise<void> => {
          const raw = JSON.stringify(await simPayResult(sim, orderNo))
          const answer = await call(bff.url, 'POST', NOTIFY_PATH, {
            raw,
            headers: { 'content-type': 'application/json' },
          }).catch(() => undefined)
          if (answer?.status === 200 && answer.text === 'SUCCESS') acknowledgedPayments.add(orderNo)
        }
        const load = [
          ...Array.from({ length: WRITERS }, (_, index) => writer(index)),
          ...toPay.map(async (orderNo, index) => {
            await sleep(40 * index)
            await notifier(orderNo)
          }),
        ]

        // Kill in the thick of the load: once this round has had some answers, at a random moment.
        const creates = acknowledgedCreates.size
        const payments = acknowledgedPayments.size
        const enough = (): boolean =>
          acknowledgedCreates.size - creates >= ACKS_PER_ROUND &&
          (toPay.length === 0 || acknowledgedPayments.size > payments)
        const until = Date.now() + 10_000
        while (!enough() && Date.now() < until) await sleep(20)
        await sleep(Math.floor(Math.random() * 300))
        const ended = await bff.kill('SIGKILL')
        stop = true
        await Promise.all(load)
        if (ended.signal !== 'SIGKILL') violations.push(`round ${round}: exit ${ended.code}`)

        // Before any restart could repair anything: what the file holds right after the kill.
        if (engine === 'sqlite') {
          const integrity = integrityCheck(database.url)
          if (integrity !== 'ok') violations.push(`round ${round}: integrity_check ${integrity}`)
        }
        const stored = await storedOrders(database.url)
        for (const orderNo of acknowledgedCreates) {
          const order = stored.get(orderNo)
          if (order === undefined) violations.push(`round ${round}: 201 for ${orderNo}, no row`)
          else if (order.key_state !== 'done' || order.key_status !== 201) {
            violations.push(`round ${round}: 201 for ${orderNo}, key ${order.key_state}`)
          } else if (order.cloudpay_param === null) {
            violations.push(`round ${round}: 201 for ${orderNo}, no payment parameters`)
          }
        }
        for (const orderNo of acknowledgedPayments) {
          const status = stored.get(orderNo)?.status
          if (status === undefined || !PAID.has(status)) {
            violations.push(`round ${round}: SUCCESS for ${orderNo}, stored ${status ?? 'nothing'}`)
          }
        }
        for (const order of stored.values()) {
          // The order, its `created` event and its key are written in one unit: all or nothing.
          if (order.created_events !== 1 || order.key_state === null) {
            violations.push(
              `round ${round}: ${order.order_no} half-written (${order.created_events} created events, key ${order.key_state})`,
            )
          }
        }

        await bff.start()
        const afterRestart = await storedOrders(database.url)
        for (const orderNo of acknowledgedCreates) {
          if (!afterRestart.has(orderNo))
            violations.push(`round ${round}: ${orderNo} lost at restart`)
        }
        for (const found of await invariantViolations(sim, database.url, {
          afterReconciliation: false,
        })) {
          violations.push(`round ${round}: ${found}`)
        }
      }

      console.log(
        `shared commits kill test (${engine}): ${acknowledgedCreates.size} creates and ${acknowledgedPayments.size} payments acknowledged across ${ROUNDS} kills`,
      )
      // The load really overlapped: without acknowledged writes the checks above would prove nothing.
      expect(acknowledgedCreates.size).toBeGreaterThanOrEqual(ROUNDS * ACKS_PER_ROUND)
      expect(acknowledgedPayments.size).toBeGreaterThan(0)
      expect(violations).toEqual([])
    }, 120_000)
  },
)
