// Builds the package (dist/: ESM + .d.ts, by tsc) and the console (dist-console/: one bundled
// script + index.html + console.css, by esbuild), which the Maven module packages under
// META-INF/resources/console/ for the gateway to serve at /console/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
rmSync('dist-console', { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

mkdirSync('dist-console', { recursive: true });
await build({
  entryPoints: ['console/console.ts'],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  outfile: 'dist-console/console.js',
  logLevel: 'warning',
});
cpSync('console/index.html', 'dist-console/index.html');
cpSync('console/console.css', 'dist-console/console.css');
console.log('built dist/ and dist-console/');
