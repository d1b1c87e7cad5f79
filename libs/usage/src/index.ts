export { deprecationHeaders, assertValidSchedule } from './deprecation-headers';
export type { DeprecationSchedule } from './deprecation-headers';
