/**
 * A page's first contentful paint in headless Debian Chromium on loopback: a fresh browser
 * context per load (cold HTTP cache, no storage), FCP read from the page's own Performance API;
 * and, since the pages paint a boot screen before their scripts run, when the page's own content
 * (`contentSelector`) entered the document.
 */
import { chromium } from 'playwright-core'

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A slow phone on a mobile network, applied per page through the DevTools protocol: DevTools'
 * "Fast 4G" preset (60 ms × 2.75 latency, 9 Mbit/s × 0.9 down, 1.5 Mbit/s × 0.9 up) and the CPU
 * slowed 4× (Emulation.setCPUThrottlingRate), as issue #15's first-paint goal asks.
 */
export const THROTTLING = {
  latencyMs: 165,
  downloadBytesPerSecond: (9_000_000 / 8) * 0.9,
  uploadBytesPerSecond: (1_500_000 / 8) * 0.9,
  cpuSlowdown: 4,
} as const

/** Each load's times in milliseconds from navigation. */
export interface PaintLoads {
  /** First contentful paint (the boot screen's, when the page has one). */
  fcp: number[]
  /** The first element matching the content selector added to the document. */
  content: number[]
}

/** The loads' times and the browser's version. */
export interface FirstPaint extends PaintLoads {
  chromium: string
}

/**
 * Runs in the page before its own scripts: notes `performance.now()` in `__contentAt` when the
 * first element matching the selector is in the document (checked on every DOM change).
 */
function contentWatch(selector: string): string {
  return `(() => {
    const found = () => document.querySelector(${JSON.stringify(selector)}) !== null
    new MutationObserver((_, observer) => {
      if (window.__contentAt === undefined && found()) {
        window.__contentAt = performance.now()
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })()`
}

/**
 * Loads `url` `loads` times, each in a fresh context, throttled as THROTTLING when asked; waits
 * for `contentSelector` in each.
 */
export async function measureFirstPaint(
  url: string,
  loads: number,
  options: { throttled: boolean; contentSelector: string },
): Promise<FirstPaint> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    timeout: 30000,
  })
  try {
    const fcp: number[] = []
    const content: number[] = []
    for (let load = 0; load < loads; load += 1) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
      try {
        const page = await context.newPage()
        await page.addInitScript({ content: contentWatch(options.contentSelector) })
        if (options.throttled) {
          const cdp = await context.newCDPSession(page)
          await cdp.send('Network.enable')
          await cdp.send('Network.emulateNetworkConditions', {
            offline: false,
            latency: THROTTLING.latencyMs,
            downloadThroughput: THROTTLING.downloadBytesPerSecond,
            uploadThroughput: THROTTLING.uploadBytesPerSecond,
          })
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpuSlowdown })
        }
        await page.goto(url, { waitUntil: 'load', timeout: 60000 })
        const firstPaint = await page.evaluate(
          () =>
            new Promise<number>((resolve, reject) => {
              const found = performance.getEntriesByName('first-contentful-paint')[0]
              if (found) return resolve(found.startTime)
              const observer = new PerformanceObserver((list) => {
                const entry = list.getEntriesByName('first-contentful-paint')[0]
                if (entry) {
                  observer.disconnect()
                  resolve(entry.startTime)
                }
              })
              // Node's typings (this file's lib) do not list the browser-only 'paint' entry type.
              const paint = { type: 'paint', buffered: true }
              observer.observe(paint as Parameters<typeof observer.observe>[0])
              setTimeout(() => reject(new Error('no first-contentful-paint within 10 s')), 10000)
            }),
        )
        fcp.push(firstPaint)
        // Functions, not strings: the pages' Content-Security-Policy forbids evaluating strings.
        const contentAt = await page.waitForFunction(
          () => (globalThis as { __contentAt?: number }).__contentAt,
          null,
          { timeout: 60000 },
        )
        content.push(Number(await contentAt.jsonValue()))
      } finally {
        await context.close()
      }
    }
    return { chromium: browser.version(), fcp, content }
  } finally {
    await browser.close()
  }
}
