#!/usr/bin/env node
// The `helhed` command: runs the TypeScript CLI through tsx so a checkout needs no compile step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const main = new URL('../src/cli/main.ts', import.meta.url);
const { run } = await import(fileURLToPath(main));
await run(process.argv.slice(2));
