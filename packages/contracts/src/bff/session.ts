import * as z from 'zod'

import { channelSchema } from '../channel'

/** `POST /api/sessions`: a platform login code to exchange for a session. */
export const createSessionRequestSchema = z.strictObject({
  channel: channelSchema,
  code: z
    .string()
    .min(1, { error: 'is required' })
    .max(256, { error: 'must be at most 256 characters' }),
})

/** `POST /api/sessions` body. */
export type CreateSessionRequest = z.infer<typeof createSessionRequestSchema>

/** `POST /api/sessions` answer: an opaque bearer token and when it expires (ISO 8601). */
export const sessionSchema = z.object({
  token: z.string().min(1),
  expires_at: z.string(),
  channel: channelSchema,
})

/** A shopper session as the store keeps it. */
export type Session = z.infer<typeof sessionSchema>
