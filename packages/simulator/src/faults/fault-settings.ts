import * as z from 'zod'

import { AGGREGATOR_ROUTES } from '../aggregator/aggregator-routes'

const routeName = z
  .string()
  .transform((value) => value.replace(/^\/+/, ''))
  .pipe(z.enum(AGGREGATOR_ROUTES, { error: `must be one of ${AGGREGATOR_ROUTES.join(', ')}` }))

/** Faults of the notification deliveries (they apply to every order while set). */
export const notificationFaultsSchema = z.strictObject({
  drop: z.boolean().optional(),
  duplicate: z.number().int().min(1).max(100).optional(),
  reorder: z.boolean().optional(),
  delay_ms: z.number().int().min(0).max(600_000).optional(),
})

/**
 * `PUT /__sim/faults`: what goes wrong on the aggregator routes (all four unless `routes` names
 * some) and in notification deliveries. See the README's fault table for each field.
 */
export const faultSettingsSchema = z.strictObject({
  routes: z.array(routeName).min(1).optional(),
  latency_ms: z.number().int().min(0).max(600_000).optional(),
  hang: z.boolean().optional(),
  http_status: z.number().int().min(100).max(599).optional(),
  error_rate: z.number().min(0).max(1).optional(),
  malformed_json: z.boolean().optional(),
  oversized_body_bytes: z
    .number()
    .int()
    .min(1)
    .max(64 * 1024 * 1024)
    .optional(),
  business_error: z.strictObject({ code: z.string().min(1), msg: z.string() }).optional(),
  reset_after_processing: z.boolean().optional(),
  script_cloudpay_param: z.boolean().optional(),
  refund_outcome: z.enum(['success', 'fail']).optional(),
  times: z.number().int().min(1).optional(),
  notifications: notificationFaultsSchema.optional(),
})

/** A fault set. */
export type FaultSettings = z.infer<typeof faultSettingsSchema>

/** Notification faults. */
export type NotificationFaults = z.infer<typeof notificationFaultsSchema>
