/**
 * Writing files so that a crash never leaves one half-written: the new content goes to a
 * temporary file in the target's own folder (same file system, so the rename is atomic), is
 * flushed to disk, and is renamed over the target. Whoever reads the file sees the old content or
 * the new, never a mix, even when the writer is killed with SIGKILL or the machine loses power.
 * Every file the project writes goes through here, and so does every append to a log
 * (`appendLine`): one whole line in one write, on a line of its own even after a torn last line.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  fstatSync,
  fsync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** A fresh name beside `target`, hidden, unique to this process and call. */
function siblingName(target: string, what: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.${what}`);
}

/** Flushes a folder's entry list, so that a rename in it survives a power cut (best effort). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const fsyncOnPool = promisify(fsync);

/** syncFolder on libuv's thread pool. */
async function syncFolderOnPool(folder: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    await fsyncOnPool(fd);
  } catch {
    // As in syncFolder.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether a process with this id exists (EPERM: it does, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files beside `target` left by writers that were killed (best effort). */
function removeLeftovers(target: string): void {
  const prefix = `.${basename(target)}.`;
  try {
    for (const name of readdirSync(dirname(target))) {
      const m = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]{8}\.(tmp|old)$/.exec(name.slice(prefix.length)) : null;
      if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) rmSync(join(dirname(target), name), { recursive: true, force: true });
    }
  } catch {
    // An unreadable folder keeps its leftovers; the write itself succeeded.
  }
}

/** The file a write really replaces: a symbolic link's target, so the link itself survives. */
function resolveTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

export interface AtomicWriteOptions {
  /** Permission bits of a new file (an existing file keeps its own). Default 0o666 less the umask. */
  mode?: number;
  /** Create missing parent folders first. */
  mkdir?: boolean;
}

/** A temporary file beside `file`'s target holding `data`, not yet synced (its descriptor open). */
function writeTemporary(file: string, data: string | Uint8Array, options: AtomicWriteOptions): { target: string; temporary: string; fd: number } {
  if (options.mkdir) mkdirSync(dirname(file), { recursive: true });
  const target = resolveTarget(file);
  let mode = options.mode ?? 0o666;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    // A new file.
  }
  const temporary = siblingName(target, 'tmp');
  const fd = openSync(temporary, 'wx', mode);
  try {
    writeFileSync(fd, data);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  return { target, temporary, fd };
}

/** Renames a synced temporary file over its target (the descriptor closed first). */
function renameIntoPlace(target: string, temporary: string, fd: number): void {
  closeSync(fd);
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Replaces `file` with `data` atomically (see the file comment). */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const { target, temporary, fd } = writeTemporary(file, data, options);
  try {
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  renameIntoPlace(target, temporary, fd);
  syncFolder(dirname(target));
  removeLeftovers(target);
}

/**
 * writeFileAtomic with the wait for the disk (the syncs) on libuv's thread pool: the data is
 * written before it returns, and the promise resolves once the file is synced and in place, so
 * a caller writing several files can prepare the next while the disk catches up, and await them
 * all before writing whatever says they are complete.
 */
export async function writeFileAtomicAsync(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const { target, temporary, fd } = writeTemporary(file, data, options);
  try {
    await fsyncOnPool(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  renameIntoPlace(target, temporary, fd);
  await syncFolderOnPool(dirname(target));
  removeLeftovers(target);
}

/**
 * Replaces the folder `target` with a copy of `source`: the copy is made beside it under a
 * temporary name, then swapped in with two renames, so `target` is never a half-copied folder
 * (between the renames, for an instant, it is absent).
 */
export function replaceFolderAtomic(target: string, source: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const incoming = siblingName(target, 'tmp');
  try {
    cpSync(source, incoming, { recursive: true });
  } catch (error) {
    rmSync(incoming, { recursive: true, force: true });
    throw error;
  }
  const outgoing = siblingName(target, 'old');
  let hadOld = true;
  try {
    renameSync(target, outgoing);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      rmSync(incoming, { recursive: true, force: true });
      throw error;
    }
    hadOld = false;
  }
  try {
    renameSync(incoming, target);
  } catch (error) {
    if (hadOld) renameSync(outgoing, target);
    rmSync(incoming, { recursive: true, force: true });
    throw error;
  }
  syncFolder(dirname(target));
  if (hadOld) rmSync(outgoing, { recursive: true, force: true });
  removeLeftovers(target);
}

/**
 * Appends `line` (which should end in a newline) to an append-only log with one write. If the
 * file's last line was torn (a writer killed mid-append), the new line starts on a line of its
 * own, so the torn line spoils only itself and readers skip it.
 */
export function appendLine(file: string, line: string, mode = 0o644): void {
  const fd = openSync(file, 'a+', mode);
  try {
    const size = fstatSync(fd).size;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    writeSync(fd, prefix + line);
  } finally {
    closeSync(fd);
  }
}
