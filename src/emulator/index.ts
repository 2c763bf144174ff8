/** A local development server with the HTTP contract of the catalog's Modal endpoints. */
export {
  CALL_ID_PARAMETER,
  startEmulator,
  type EmulatedJob,
  type Emulator,
  type EmulatorLogger,
  type EmulatorOptions,
  type RecordedRequest,
} from './emulator.js';
export { ALL_PATHS, emulatorFaultSchema, type EmulatorFault } from './faults.js';
export type { ErrorShape } from './replies.js';
