// Proves the layering rules in .dependency-cruiser.cjs actually fire: a small
// fixture project (in a temp dir, with the real config copied in) contains one
// violation per rule plus imports that must stay allowed.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const depcruise = join(repo, 'node_modules/.bin/depcruise');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

const files: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true },
    include: ['src'],
  }),
  // allowed: pure helpers and zod
  'src/domain/ok.ts': [
    "import { z } from 'zod';",
    "import { join } from 'node:path';",
    "import { createHash } from 'node:crypto';",
    'export const Name = z.string();',
    'export const f = [join, createHash];',
  ].join('\n'),
  'src/domain/bad-layer.ts': "import { table } from '../db/table';\nexport const t = table;\n",
  'src/domain/bad-fs.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  'src/domain/bad-child.ts': "import { execFileSync } from 'child_process';\nexport const e = execFileSync;\n",
  'src/domain/bad-fastify.ts': "import type { FastifyInstance } from 'fastify';\nexport type F = FastifyInstance;\n",
  'src/domain/bad-pg.ts': "import pg from 'pg';\nexport const p = pg;\n",
  'src/domain/bad-react.ts': "import { useState } from 'react';\nexport const u = useState;\n",
  'src/db/table.ts': "import { Name } from '../domain/ok';\nexport const table = Name;\n",
  'src/db/bad.ts': "import { svc } from '../services/svc';\nexport const b = svc;\n",
  'src/services/svc.ts': "import { table } from '../db/table';\nexport const svc = table;\n",
  'src/services/bad.ts': "import { route } from '../http/route';\nexport const b = route;\n",
  'src/http/route.ts': "import { svc } from '../services/svc';\nexport const route = svc;\n",
  // web may use domain, nothing server-side
  'src/web/ok.ts': "import { Name } from '../domain/ok';\nexport const n = Name;\n",
  'src/web/bad.ts': "import { table } from '../db/table';\nexport const b = table;\n",
};

let dir: string;
let violations: Violation[];
let exitCode: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'arch-fixture-'));
  copyFileSync(join(repo, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const run = (extra: string[]) => {
    try {
      const stdout = execFileSync(depcruise, ['src', '--config', '.dependency-cruiser.cjs', ...extra], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
      return { status: 0, stdout };
    } catch (err) {
      const e = err as { status: number; stdout: string };
      return { status: e.status, stdout: e.stdout };
    }
  };
  // Exactly what scripts/test.sh runs (the default "err" reporter sets the exit code) ...
  exitCode = run([]).status;
  // ... and the JSON report, for which rule fired where (json always exits 0).
  const stdout = run(['--output-type', 'json']).stdout;
  violations = JSON.parse(stdout).summary.violations;
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const hits = (from: string) => violations.filter((v) => v.from === from).map((v) => v.rule.name);

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('makes depcruise exit non-zero when a rule is broken', () => {
    expect(exitCode).not.toBe(0);
  });

  it('keeps src/domain free of other layers, I/O builtins and frameworks', () => {
    expect(hits('src/domain/bad-layer.ts')).toContain('domain-no-other-layers');
    expect(hits('src/domain/bad-fs.ts')).toContain('domain-no-io-builtins');
    expect(hits('src/domain/bad-child.ts')).toContain('domain-no-io-builtins');
    expect(hits('src/domain/bad-fastify.ts')).toContain('domain-no-frameworks');
    expect(hits('src/domain/bad-pg.ts')).toContain('domain-no-frameworks');
    expect(hits('src/domain/bad-react.ts')).toContain('domain-no-frameworks');
  });

  it('keeps db below services, and services below http/web', () => {
    expect(hits('src/db/bad.ts')).toContain('db-no-upper-layers');
    expect(hits('src/services/bad.ts')).toContain('services-no-http-web');
  });

  it('keeps src/web away from server-side layers', () => {
    expect(hits('src/web/bad.ts')).toContain('web-only-domain');
  });

  it('allows the intended directions (domain -> zod/node:path, db/web -> domain, services -> db, http -> services)', () => {
    for (const ok of ['src/domain/ok.ts', 'src/db/table.ts', 'src/services/svc.ts', 'src/http/route.ts', 'src/web/ok.ts']) {
      expect(hits(ok), ok).toEqual([]);
    }
  });
});
