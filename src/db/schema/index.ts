export * from './identity.js';
export * from './editions.js';
export * from './audit.js';
export * from './applications.js';
export * from './intake.js';
export * from './decisions.js';
export * from './technical.js';
export * from './publication.js';
