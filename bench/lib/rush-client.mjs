// Load generator for the deadline-rush scenario, run in a worker thread so the server under
// test (main thread) does not share its event loop with the client. Plain JS on purpose:
// worker threads do not inherit tsx's loader.
//
// Messages in:  { cmd: 'prepare' }                       -> { sha256: string[], fileBytes }
//               { cmd: 'run', targets: Target[] }        -> RunResult
// Target: { index, uploadUrl, submitUrl | null, cookie | null, csrfToken | null }
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { fileBytes, tag } = workerData;
const CHUNK = 1 << 20;
// One random MiB shared by every file; each file differs by its first line, so hashes differ.
const block = randomBytes(CHUNK);
// The server refuses a PDF without a cross-reference section and `startxref` (a truncated file).
const pdfEnd = (xrefAt) => Buffer.from(`\nxref\n0 1\n0000000000 65535 f \ntrailer<<>>\nstartxref\n${String(xrefAt).padStart(10, '0')}\n%%EOF\n`);
const suffix = pdfEnd(fileBytes - pdfEnd(0).length + 1);
const prefix = (index) => Buffer.from(`%PDF-1.4\n%bench deadline rush ${tag} applicant ${index}\n`);

/** The exact bytes of applicant `index`'s PDF, as chunks (never the whole 10 MB at once). */
function* fileChunks(index) {
  const head = prefix(index);
  yield head;
  let left = fileBytes - head.length - suffix.length;
  while (left > 0) {
    const n = Math.min(left, CHUNK);
    yield n === CHUNK ? block : block.subarray(0, n);
    left -= n;
  }
  yield suffix;
}

function sha256Of(index) {
  const hash = createHash('sha256');
  for (const chunk of fileChunks(index)) hash.update(chunk);
  return hash.digest('hex');
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** One request; the body is written chunk by chunk with back-pressure. Resolves on the full response. */
function request(url, headers, writeBody) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), ms: performance.now() - started, end: performance.now() }));
      res.on('error', (e) => resolve({ status: 0, body: String(e), ms: performance.now() - started, end: performance.now() }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e), ms: performance.now() - started, end: performance.now() }));
    writeBody(req).then(
      () => req.end(),
      () => req.destroy(),
    );
  });
}

async function upload(target) {
  const boundary = `----bench-rush-${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="证明材料-${target.index}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + fileBytes + tail.length) };
  if (target.cookie) headers.cookie = target.cookie;
  if (target.csrfToken) headers['x-csrf-token'] = target.csrfToken;
  const result = await request(target.uploadUrl, headers, async (req) => {
    for (const chunk of [head, ...fileChunks(target.index), tail]) {
      if (req.destroyed) throw new Error('request closed');
      if (!req.write(chunk)) await once(req, 'drain');
    }
  });
  return { ...result, wireBytes: head.length + fileBytes + tail.length };
}

function submit(target) {
  const body = Buffer.from('{}');
  const headers = { 'content-type': 'application/json', 'content-length': String(body.length), cookie: target.cookie, 'x-csrf-token': target.csrfToken };
  return request(target.submitUrl, headers, async (req) => {
    req.write(body);
  });
}

async function run(targets) {
  const t0 = performance.now();
  const outcomes = await Promise.all(
    targets.map(async (target) => {
      const up = await upload(target);
      let sub = null;
      if (target.submitUrl && up.status >= 200 && up.status < 300) sub = await submit(target);
      let responseSha = null;
      try {
        responseSha = JSON.parse(up.body).sha256 ?? null;
      } catch {
        // the sink answers {}; errors may not be JSON
      }
      return {
        index: target.index,
        uploadStatus: up.status,
        uploadMs: up.ms,
        uploadEndMs: up.end - t0,
        uploadError: up.status >= 200 && up.status < 300 ? null : up.body.slice(0, 300),
        wireBytes: up.wireBytes,
        responseSha,
        submitStatus: sub?.status ?? null,
        submitMs: sub?.ms ?? null,
        submitError: sub && sub.status !== 200 ? sub.body.slice(0, 300) : null,
        endMs: (sub?.end ?? up.end) - t0,
      };
    }),
  );
  return { outcomes, wallMs: performance.now() - t0 };
}

parentPort.on('message', async (msg) => {
  if (msg.cmd === 'prepare') {
    const sha256 = Array.from({ length: msg.count }, (_, i) => sha256Of(i));
    parentPort.postMessage({ sha256, fileBytes });
  } else if (msg.cmd === 'run') {
    parentPort.postMessage(await run(msg.targets));
  } else if (msg.cmd === 'exit') {
    agent.destroy();
    parentPort.close();
  }
});
