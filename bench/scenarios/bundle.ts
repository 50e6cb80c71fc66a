import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '../..');
const webRoot = path.join(root, 'dist/web');

export interface BundleResult {
  built: boolean;
  files: Array<{ href: string; bytes: number; gzipBytes: number }>;
  totalBytes: number;
  totalGzipBytes: number;
}

/**
 * The JavaScript the first page makes the browser fetch before anything renders: the entry
 * `<script type="module" src>` and every `<link rel="modulepreload" href>` in index.html,
 * each gzipped at level 9. Lazy-loaded page chunks are not counted (they load later).
 */
export function benchBundle(): BundleResult {
  let built = false;
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`vite build failed with status ${result.status}`);
    built = true;
  }
  const html = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const hrefs = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (/\btype=["']?module["']?/i.test(tag)) {
      const src = /\bsrc=["']([^"']+)["']/i.exec(tag)?.[1];
      if (src) hrefs.add(src);
    }
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (/\brel=["']?modulepreload["']?/i.test(tag)) {
      const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
      if (href) hrefs.add(href);
    }
  }
  const files = [...hrefs].map((href) => {
    const file = path.join(webRoot, href.replace(/^\//, '').split(/[?#]/)[0]);
    const bytes = fs.readFileSync(file);
    return { href, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    built,
    files,
    totalBytes: files.reduce((s, f) => s + f.bytes, 0),
    totalGzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
  };
}
