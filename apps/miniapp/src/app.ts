import type { PropsWithChildren } from 'react'

// Imported first so it records the URL the H5 document landed at before any routing.
import './platform/landing-url'
import './app.scss'

/** The application shell: Taro renders each page inside it; state lives in storage, not here. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App
