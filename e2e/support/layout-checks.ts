/**
 * What a person sees as broken layout, measured in the page: a button or tab whose text runs onto
 * a second line, or whose text overflows it.
 */
import type { Page } from 'playwright-core'

/** The texts of the buttons, tabs and bar items on the page that wrap or overflow. */
export function wrappedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const controls = document.querySelectorAll(
      'taro-button-core, button, .tab, .bar-primary, .bar-link',
    )
    for (const control of Array.from(controls)) {
      const element = control as HTMLElement
      if (element.offsetParent === null) continue
      const text = (element.textContent ?? '').trim()
      if (text === '') continue
      const range = document.createRange()
      range.selectNodeContents(element)
      const height = range.getBoundingClientRect().height
      const fontSize = parseFloat(getComputedStyle(element).fontSize)
      // One line of text is about 1.2–1.4 em tall; two lines are at least two of those.
      const wraps = height > 2 * fontSize
      const overflows = element.scrollWidth > element.clientWidth + 1
      if (wraps || overflows) found.push(text)
    }
    return found
  })
}
