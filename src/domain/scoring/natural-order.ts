/**
 * Orders ids the way people read them: digit runs compare as numbers, so A2 < A10 < B1.
 * Written out because Intl.Collator({ numeric: true }) costs tens of milliseconds for a few
 * thousand ids (ICU), more than the whole calibration solve.
 */
const isDigit = (code: number) => code >= 48 && code <= 57;

export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      // Compare the two digit runs as numbers: skip leading zeros, then longer is larger, then digit by digit.
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      let si = i;
      let sj = j;
      while (si < ei - 1 && a.charCodeAt(si) === 48) si++;
      while (sj < ej - 1 && b.charCodeAt(sj) === 48) sj++;
      const length = ei - si - (ej - sj);
      if (length !== 0) return length;
      for (; si < ei; si++, sj++) {
        const d = a.charCodeAt(si) - b.charCodeAt(sj);
        if (d !== 0) return d;
      }
      i = ei;
      j = ej;
    } else {
      if (ca !== cb) return ca - cb;
      i++;
      j++;
    }
  }
  // One is a prefix of the other (or they differ only in leading zeros): shorter first, then plain order.
  return a.length - i - (b.length - j) || (a < b ? -1 : a > b ? 1 : 0);
}
