import fs from 'node:fs';

/**
 * The server's clock. In production it is the system's. For end-to-end tests of dated steps
 * (a notice period, an objection after it) TEST_CLOCK_FILE names a file holding
 * `{"at": "<ISO time>"}`: the clock then reads `at` at the moment the file was written and runs
 * on from there in real time, so a test moves the server's day by rewriting the file. Never
 * set it in production; the server logs a warning when it is set.
 */
export function serverClock(testClockFile: string | undefined): () => Date {
  if (!testClockFile) return () => new Date();
  let checkedAt = 0;
  let offsetMs = 0;
  let seenMtime = -1;
  return () => {
    const real = Date.now();
    // One stat per 50 ms at most: cheap, and a rewrite is seen before the next step of a test.
    if (real - checkedAt > 50) {
      checkedAt = real;
      offsetMs = readOffset(testClockFile, offsetMs, seenMtime, (m) => (seenMtime = m));
    }
    return new Date(real + offsetMs);
  };
}

function readOffset(file: string, previous: number, seenMtime: number, seen: (mtime: number) => void): number {
  try {
    const stat = fs.statSync(file);
    if (stat.mtimeMs === seenMtime) return previous;
    const at = Date.parse((JSON.parse(fs.readFileSync(file, 'utf8')) as { at?: string }).at ?? '');
    seen(stat.mtimeMs);
    return Number.isFinite(at) ? at - stat.mtimeMs : 0;
  } catch {
    return 0;
  }
}
