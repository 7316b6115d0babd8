import * as z from 'zod'

/** Every BFF error: `{ error: { code, message, request_id } }`, plus the failed field rules for a 400. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    message: z.string(),
    request_id: z.string(),
    fields: z.array(z.object({ field: z.string(), rule: z.string() })).optional(),
  }),
})

/** The BFF's error body. */
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>
