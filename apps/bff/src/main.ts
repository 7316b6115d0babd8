/** `pnpm dev` and the tests: the BFF from its TypeScript sources, through tsx. */
import { startBff } from './start-bff'

await startBff()
