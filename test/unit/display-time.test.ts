import { describe, expect, it } from 'vitest';
import { displayHour, formatDisplayDate, formatDisplayTime } from '../../src/domain/display-time.js';

describe('times people read are Beijing time', () => {
  it('converts UTC to Asia/Shanghai (UTC+8), across the date line', () => {
    expect(formatDisplayTime('2026-11-30T17:05:09.123Z')).toBe('2026-12-01 01:05:09');
    expect(formatDisplayTime(new Date('2026-06-01T00:00:00Z'))).toBe('2026-06-01 08:00:00');
    expect(formatDisplayDate('2026-11-30T17:05:09Z')).toBe('2026-12-01');
    expect(displayHour(new Date('2026-11-30T23:30:00Z'))).toBe(7);
  });
  it('leaves bare dates and non-times alone', () => {
    expect(formatDisplayDate('2026-12-01')).toBe('2026-12-01');
    expect(formatDisplayTime('not a time')).toBe('not a time');
  });
});
