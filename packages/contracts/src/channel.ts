import * as z from 'zod'

import { CHANNELS } from './engine-safe/channels'

/** Validates a channel id. */
export const channelSchema = z.enum(CHANNELS, {
  error: `must be one of ${CHANNELS.join(', ')}`,
})
