/**
 * The city prefix of certificate serials (Art. 19), apart from serial.ts so that the profile
 * schema, which the browser imports, does not pull node:crypto into the bundle.
 */

/** Linyi's, used when a profile names none (certificates issued before profiles could). */
export const DEFAULT_SERIAL_PREFIX = 'LY';
export const SERIAL_PREFIX_PATTERN = /^[A-Z]{2}$/;
