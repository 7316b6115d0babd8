import { useState } from 'react'

/**
 * Where the reader is in a cursor-paged list: the cursors of the pages walked so far (the first
 * page has none), so 下一页 pushes the answer's next_cursor and 上一页 goes back one.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  return {
    /** 1-based number of the page shown. */
    page: cursors.length,
    cursor: cursors.at(-1),
    next: (cursor: string) => setCursors((current) => [...current, cursor]),
    previous: () => setCursors((current) => (current.length > 1 ? current.slice(0, -1) : current)),
    /** Back to the first page (the filters or the page size changed). */
    reset: () => setCursors([undefined]),
  }
}
