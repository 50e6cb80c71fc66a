import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;

/**
 * Writes name.br and name.gz next to each text file of the build, once, at maximum effort;
 * the server sends the one the browser accepts (src/http/web-assets.ts).
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'mqa-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist/web';
      await Promise.all(
        Object.values(bundle).map(async (item) => {
          if (!COMPRESSIBLE.test(item.fileName)) return;
          const source = item.type === 'chunk' ? Buffer.from(item.code) : Buffer.from(item.source);
          if (source.length < 1024) return;
          const file = path.join(dir, item.fileName);
          await writeFile(`${file}.br`, await br(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }));
          await writeFile(`${file}.gz`, await gz(source, { level: 9 }));
        }),
      );
    },
  };
}

// The web UI (src/web) is built by Vite 8 (Rolldown + Oxc). No React plugin is
// installed, so JSX goes through Vite's built-in Oxc transform (automatic runtime).
// Output lands in dist/web, which the Fastify server serves statically.
const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@babel[\\/]runtime|classnames|clsx)[\\/]/;

const vendorGroups: { name: string; test: RegExp; priority: number; tags?: '$initial'[] }[] = [
  // React, the router and the query cache: needed by every page, change rarely.
  {
    name: 'vendor-react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
    priority: 30,
  },
  // dayjs and its locales: small, shared by the shell (zh-cn locale) and the date pickers.
  { name: 'vendor-dayjs', test: /node_modules[\\/]dayjs[\\/]/, priority: 20 },
  // The antd core the entry itself needs (theme, CSS-in-JS, ConfigProvider, App, Button, Spin).
  // antd parts used only by lazy pages stay in Rolldown's automatic chunks, loaded with those pages.
  { name: 'vendor-antd-core', test: ANTD, priority: 10, tags: ['$initial'] },
];

export default defineConfig({
  root: '.',
  publicDir: false,
  plugins: [precompress()],
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // antd marks its modules "use client"; meaningless in a client-only bundle.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        // antd stays in Rolldown's automatic splitting so each lazy page only
        // pulls the antd components it uses; the public home + login stay lean.
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
