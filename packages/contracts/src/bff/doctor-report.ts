import * as z from 'zod'

/** A doctor line's verdict: ✓ as configured, ✗ wrong (with the fix), ? not decidable from here. */
export const DOCTOR_STATUSES = ['ok', 'fail', 'unknown'] as const

/** One line of the doctor: what it checked, what it found and what to do. */
export const doctorLineSchema = z.object({
  /** The line's stable id, e.g. `notify-url`, `database-clock`, `redis`. */
  name: z.string(),
  /** The settings the line is about. */
  settings: z.array(z.string()),
  status: z.enum(DOCTOR_STATUSES),
  /** What was found; never a secret. */
  message: z.string(),
  /** What to do about a ✗ or a ?, when there is something to do. */
  fix: z.string().optional(),
})

/** One line of the doctor. */
export type DoctorLine = z.infer<typeof doctorLineSchema>

/** `GET /api/admin/doctor` answer: the lines of `pnpm doctor`, run by the BFF on its own settings. */
export const doctorReportSchema = z.object({
  /** No line is ✗. */
  ok: z.boolean(),
  checked_at: z.string(),
  lines: z.array(doctorLineSchema),
})

/** The doctor's report as the BFF answers it. */
export type DoctorReportBody = z.infer<typeof doctorReportSchema>
