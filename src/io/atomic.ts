/**
 * Writing files so that a crash never leaves one half-written: the new content goes to a
 * temporary file in the target's own folder (same file system, so the rename is atomic), is
 * flushed to disk, and is renamed over the target. Whoever reads the file sees the old content or
 * the new, never a mix, even when the writer is killed with SIGKILL or the machine loses power.
 * Every file the project writes goes through here.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, cpSync, fsyncSync, mkdirSync, openSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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

function processAlive(pid: number): boolean {
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

/** Replaces `file` with `data` atomically (see the file comment). */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
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
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(dirname(target));
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
