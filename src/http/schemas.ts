/** Shared request schemas live in the contract (one definition for server and browser). */
export { isoDate, nonEmptyText, uuidParam } from '../contract/primitives.js';
