/**
 * Layering rules for src/ (run: npx depcruise src --config .dependency-cruiser.cjs).
 *
 *   domain   pure rules, types and constants: no I/O, no frameworks, no other layer
 *   db       persistence: may use domain, never services/http/web
 *   services use cases: may use domain and db, never http/web
 *   http     Fastify routes: may use services/domain (and db for wiring)
 *   web      React UI, bundled by Vite: only domain (shared types/constants)
 *   cli      command line: anything server-side
 *
 * test/unit/architecture.test.ts proves these rules fire on a violating fixture.
 * @type {import('dependency-cruiser').IConfiguration}
 */

// Node builtins that do I/O or touch the process/OS. Pure helpers such as
// node:path, node:url, node:util, node:crypto and node:events stay allowed.
const IO_BUILTINS = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'cluster',
  'dgram', 'dns', 'dns/promises', 'tls', 'worker_threads', 'readline', 'readline/promises',
  'repl', 'inspector', 'os', 'module', 'vm', 'v8', 'wasi', 'trace_events', 'sqlite',
  'process', 'perf_hooks', 'tty',
];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const IO_BUILTINS_RE = `^(node:)?(${IO_BUILTINS.map(escape).join('|')})$`;

// npm packages the domain must not know about (frameworks, drivers, UI).
const pkg = (names) => `(^|/)node_modules/(${names.join('|')})(/|$)`;
const DOMAIN_FORBIDDEN_PACKAGES = pkg([
  'fastify', '@fastify/[^/]+', 'drizzle-orm', 'pg', 'pg-[^/]+', '@types/pg',
  '@electric-sql/pglite', 'react', 'react-dom', 'react-router', '@types/react', '@types/react-dom',
  'antd', '@ant-design/[^/]+', '@tanstack/[^/]+',
]);

module.exports = {
  forbidden: [
    {
      name: 'domain-no-other-layers',
      comment: 'src/domain is the pure core: it may not import db, services, http, web or cli.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(db|services|http|web|cli)/' },
    },
    {
      name: 'domain-no-io-builtins',
      comment: 'src/domain may not import Node builtins that do I/O (fs, net, http, child_process, ...).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS_RE },
    },
    {
      name: 'domain-no-frameworks',
      comment: 'src/domain may not import fastify, drizzle-orm, pg, PGlite or React (or their kin).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: DOMAIN_FORBIDDEN_PACKAGES },
    },
    {
      name: 'domain-no-frameworks-unresolved',
      comment: 'Same as domain-no-frameworks, for imports that did not resolve to node_modules.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        couldNotResolve: true,
        path: '^(@fastify/|(fastify|drizzle-orm|pg|@electric-sql/pglite|react|react-dom)($|/))',
      },
    },
    {
      name: 'services-no-http-web',
      comment: 'src/services may not import src/http or src/web.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(http|web)/' },
    },
    {
      name: 'db-no-upper-layers',
      comment: 'src/db may not import src/services, src/http or src/web.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(services|http|web)/' },
    },
    {
      name: 'contract-pure',
      comment: 'src/contract (request/response schemas shared with the browser) may import only src/domain and zod.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^src/(db|services|http|web|cli)/' },
    },
    {
      name: 'contract-no-io',
      comment: 'src/contract is bundled into the browser: no Node builtins that do I/O, no frameworks.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: DOMAIN_FORBIDDEN_PACKAGES },
    },
    {
      name: 'web-only-domain',
      comment: 'src/web (browser bundle) may not import src/db, src/services, src/http or src/cli; src/domain and src/contract are fine.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(db|services|http|cli)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that cannot be resolved is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: ['[?]', '^virtual:', '^/'] },
    },
    {
      name: 'no-circular',
      comment: 'Circular imports are a smell; reported, not fatal.',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\.tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
