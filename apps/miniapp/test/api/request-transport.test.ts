import { describe, expect, it } from 'vitest'

import {
  REQUEST_TIMEOUT_MS,
  requestTransport,
  type RequestOptions,
} from '../../src/api/request-transport'

function recording(
  answer: (options: RequestOptions) => Promise<{ statusCode: number; data: unknown }>,
) {
  const sent: RequestOptions[] = []
  const transport = requestTransport((options) => {
    sent.push(options)
    return answer(options)
  })
  return { sent, transport }
}

/** What the platforms reject with: a plain object, not an Error. */
function platformFailure(failure: object): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- modelled on wx/my, which fail with plain objects
  return Promise.reject(failure)
}

describe('the Taro request transport', () => {
  it('sends JSON with its Content-Type only when there is a body, with a timeout', async () => {
    const { sent, transport } = recording(() =>
      Promise.resolve({ statusCode: 201, data: { ok: 1 } }),
    )
    await expect(
      transport({
        method: 'POST',
        url: 'https://bff/api/orders',
        headers: { A: 'b' },
        body: { n: 1 },
      }),
    ).resolves.toEqual({ status: 201, body: { ok: 1 } })
    await transport({ method: 'GET', url: 'https://bff/api/products', headers: {} })
    expect(sent).toEqual([
      {
        url: 'https://bff/api/orders',
        method: 'POST',
        header: { 'Content-Type': 'application/json', A: 'b' },
        data: { n: 1 },
        dataType: 'json',
        timeout: REQUEST_TIMEOUT_MS,
      },
      {
        url: 'https://bff/api/products',
        method: 'GET',
        header: {},
        dataType: 'json',
        timeout: REQUEST_TIMEOUT_MS,
      },
    ])
  })

  it('answers a 4xx that WeChat resolves like any other answer', async () => {
    const body = { error: { code: 'ORDER_NOT_FOUND', message: 'm', request_id: 'r' } }
    const { transport } = recording(() => Promise.resolve({ statusCode: 404, data: body }))
    await expect(transport({ method: 'GET', url: '/x', headers: {} })).resolves.toEqual({
      status: 404,
      body,
    })
  })

  it('turns Alipay’s fail callback for an HTTP error (status and data attached) into an answer', async () => {
    const body = { error: { code: 'UNAUTHENTICATED', message: 'm', request_id: 'r' } }
    const { transport } = recording(() =>
      platformFailure({ error: 19, errorMessage: 'http status error', status: 401, data: body }),
    )
    await expect(transport({ method: 'GET', url: '/x', headers: {} })).resolves.toEqual({
      status: 401,
      body,
    })
  })

  it('rejects when no answer arrived (network down, timeout)', async () => {
    const failure = { error: 12, errorMessage: 'network error' }
    const { transport } = recording(() => platformFailure(failure))
    await expect(transport({ method: 'GET', url: '/x', headers: {} })).rejects.toBe(failure)
  })
})
