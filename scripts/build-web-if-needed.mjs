// Runs after `npm install` (the prepare script) and before `npm start`: builds the web app into dist/web
// when it is missing or older than its sources, so `npm install && npm start` serves a current interface.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/web/index.html');
const sources = [path.join(root, 'src/web'), path.join(root, 'src/shared'), path.join(root, 'vite.config.ts')];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, e)));
  return max;
}

const force = process.argv.includes('--force');
const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
if (!force && built > 0 && built >= Math.max(...sources.map(newest))) process.exit(0);
if (!fs.existsSync(path.join(root, 'node_modules/vite'))) {
  console.error('Kan ikke bygge webgrænsefladen: vite mangler. Kør "npm install" (med devDependencies).');
  process.exit(built > 0 ? 0 : 1);
}
console.log('Bygger webgrænsefladen … / Building the web interface …');
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
