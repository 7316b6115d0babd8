import * as z from 'zod'

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .default('')
  .transform((value) => value === '1' || value === 'true')

/** The simulator's settings from the environment (only `main.ts` reads them). */
export const simulatorEnvSchema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SIMULATOR_TIME_SCALE: z.coerce.number().positive().default(1),
  SIMULATOR_ALIPAY_OPEN_ID_MODE: flag,
})

/** Validated settings. */
export type SimulatorEnv = z.infer<typeof simulatorEnvSchema>
