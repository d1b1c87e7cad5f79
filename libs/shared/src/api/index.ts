export * from './usage';
export * from './scans';
