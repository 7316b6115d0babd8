export { runDoctor, type DoctorReport } from './run-doctor'
export { formatDoctorReport } from './format-doctor-report'
export {
  DOCTOR_CHECK_IDS,
  type DoctorCheck,
  type DoctorCheckId,
  type DoctorStatus,
} from './doctor-check'
export type { DoctorDeps } from './doctor-deps'
