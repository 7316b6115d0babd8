import * as z from 'zod'

import { channelSchema } from '../channel'

/**
 * `POST /api/sandbox/sessions` (sandbox mode only): a session for the sandbox shopper of a
 * channel, for clients whose own login codes the simulator cannot know (WeChat DevTools, the
 * Alipay IDE). Answers like `POST /api/sessions`.
 */
export const sandboxSessionRequestSchema = z.strictObject({ channel: channelSchema })

/** A sandbox session request. */
export type SandboxSessionRequest = z.infer<typeof sandboxSessionRequestSchema>
