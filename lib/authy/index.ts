export * from './attributes';
export * from './bracket-codec';
export * from './interval';
export * from './responses';
export * from './schemas';
export * from './vocabulary';
export * from './encode';
