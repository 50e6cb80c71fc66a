export * from './decision.js';
export * from './editions.js';
export * from './organisations.js';
export * from './users.js';
export * from './audit.js';
export * from './profiles.js';
