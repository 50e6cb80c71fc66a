export * from './fields.js';
export * from './validate.js';
export * from './completeness.js';
export * from './eligibility-input.js';
