import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { missingTool } from './env.js';

export const CHROMIUM = process.env.HELHED_CHROMIUM ?? '/usr/bin/chromium';

/** Builds the web app once for the browser tests and checks that Chromium is there. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) {
    project.provide('browserSkipReason', missingTool(`Chromium findes ikke på ${CHROMIUM} (apt-get install chromium) / Chromium not found`));
    return;
  }
  const root = path.resolve(import.meta.dirname, '../..');
  const res = spawnSync(process.execPath, [path.join(root, 'scripts/build-web-if-needed.mjs')], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('vite build failed');
  project.provide('browserSkipReason', '');
}

declare module 'vitest' {
  export interface ProvidedContext {
    browserSkipReason: string;
  }
}
