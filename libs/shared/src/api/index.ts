export * from './usage';
export * from './scans';
export * from './tokens';
