import fs from 'node:fs';
import path from 'node:path';

/**
 * One process at a time on an embedded (PGlite) data directory. PGlite runs PostgreSQL inside the process and has no
 * postmaster to refuse a second one: two processes on one directory each keep their own buffers and write-ahead log,
 * and what one of them writes is lost (a user made with `helhed create-user` while the server ran was gone after the
 * server's restart). So whoever opens the directory writes its pid to `helhed.pid` in it, exclusively, and removes the
 * file when it closes the database. A file whose process is gone (a crash, a power cut) is taken over.
 */
export const LOCK_FILE = 'helhed.pid';

/** The directory is open in another process (or already in this one). */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    const file = path.join(dataDir, LOCK_FILE);
    super(
      `Databasen i ${dataDir} bruges allerede af en anden Helhed-proces (pid ${pid}). Stop den først (Ctrl-C eller SIGTERM): ` +
        `to processer på samme indlejrede database mister data. Kører der ingen Helhed-proces, så slet ${file}.\n` +
        `The database in ${dataDir} is already in use by another Helhed process (pid ${pid}). Stop it first (Ctrl-C or SIGTERM): ` +
        `two processes on one embedded database lose data. If no Helhed process runs, delete ${file}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/** Directories this process holds, so that a second open in the same process is refused too. */
const held = new Set<string>();
let releaseAtExit = false;

/** A process that exits without closing the database (process.exit in a command) leaves no file behind. */
function removeHeldAtExit(): void {
  for (const dir of held) {
    const file = path.join(dir, LOCK_FILE);
    if (holderOf(file) === process.pid) fs.rmSync(file, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Takes the data directory for this process, or throws DataDirInUseError. Returns the release, which removes the file
 * if it is still this process's.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  if (held.has(dir)) throw new DataDirInUseError(dataDir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      held.add(dir);
      if (!releaseAtExit) {
        releaseAtExit = true;
        process.on('exit', removeHeldAtExit);
      }
      return () => {
        held.delete(dir);
        if (holderOf(file) === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = holderOf(file);
      // Our own pid in a file we do not hold: left by an earlier process that had the same pid (a restarted container).
      if (holder !== null && holder !== process.pid && alive(holder)) throw new DataDirInUseError(dataDir, holder);
      // No pid yet: another process may be writing it this instant.
      if (holder === null && Date.now() - mtimeOf(file) < 5_000) throw new DataDirInUseError(dataDir, 0);
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(dataDir, holderOf(file) ?? 0);
}
