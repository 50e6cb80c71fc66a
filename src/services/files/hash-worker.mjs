// The upload hasher's thread (services/files/hasher.ts). Plain JavaScript: a worker thread
// does not inherit tsx's loader. Messages are handled in the order they were posted.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

const streams = new Map();

parentPort.on('message', (m) => {
  if (m.op === 'open') {
    streams.set(m.id, { hash: createHash('sha256'), memory: new Uint8Array(m.memory) });
    parentPort.postMessage({ seq: m.seq });
  } else if (!streams.has(m.id)) {
    // Opened on a thread that has since died: the caller's upload fails, no other.
    parentPort.postMessage({ seq: m.seq, error: 'unknown hash stream' });
  } else if (m.op === 'update') {
    const s = streams.get(m.id);
    s.hash.update(s.memory.subarray(m.offset, m.offset + m.length));
    parentPort.postMessage({ seq: m.seq });
  } else if (m.op === 'digest') {
    const s = streams.get(m.id);
    streams.delete(m.id);
    parentPort.postMessage({ seq: m.seq, digest: s.hash.digest('hex') });
  } else if (m.op === 'drop') {
    streams.delete(m.id);
    parentPort.postMessage({ seq: m.seq });
  }
});
