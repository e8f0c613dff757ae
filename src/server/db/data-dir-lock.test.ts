import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from './data-dir-lock.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helhed-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE);
/** A pid no process has: one that just exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('one process at a time on an embedded data directory', () => {
  it('writes this process’s pid while it holds the directory, and removes it on release', () => {
    const release = lockDataDir(dir);
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('refuses a second open in the same process, and allows it after the release', () => {
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    // The same directory by another spelling of its path is the same directory.
    expect(() => lockDataDir(path.join(dir, '.'))).toThrow(DataDirInUseError);
    release();
    lockDataDir(dir)();
  });

  it('refuses while another live process holds it, naming that pid in Danish and English, and leaves its file alone', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(lockFile(), `${other.pid}\n`);
      let error: unknown;
      try {
        lockDataDir(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataDirInUseError);
      expect((error as DataDirInUseError).pid).toBe(other.pid);
      expect((error as Error).message).toContain(`bruges allerede af en anden Helhed-proces (pid ${other.pid})`);
      expect((error as Error).message).toContain(`already in use by another Helhed process (pid ${other.pid})`);
      expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(other.pid));
    } finally {
      other.kill();
    }
  });

  it('takes over a file whose process is gone (a crash), and one with its own pid from an earlier process (a restarted container)', () => {
    fs.writeFileSync(lockFile(), `${deadPid()}\n`);
    const release = lockDataDir(dir);
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    release();
    fs.writeFileSync(lockFile(), `${process.pid}\n`);
    lockDataDir(dir)();
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('treats a file without a pid as being written right now, and as stale once it is old', () => {
    fs.writeFileSync(lockFile(), '');
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFile(), old, old);
    lockDataDir(dir)();
  });

  it('does not remove a file another process wrote after this one released', () => {
    const release = lockDataDir(dir);
    fs.writeFileSync(lockFile(), '999999\n');
    release();
    expect(fs.readFileSync(lockFile(), 'utf8').trim()).toBe('999999');
  });
});
