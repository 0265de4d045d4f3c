/**
 * Nothing lost: every file the project writes is written to a temporary file beside it, flushed
 * and renamed over the old one. A writer killed with SIGKILL in the middle of writing must leave
 * the old file whole; and no module writes files in place behind the helper's back.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replaceFolderAtomic, writeFileAtomic } from '../../dist/src/io/atomic';
import { writeNotebook } from '../../dist/reproduce/notebook';
import { ROOT } from '../support/run-command';

const DIST = join(ROOT, 'dist');
const work = mkdtempSync(join(tmpdir(), 'clusterlab-atomic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Runs `script` in a Node child and kills it with SIGKILL at the first change in `dir` to a file
 * that `watched` accepts, i.e. as soon as the writer starts writing.
 */
function killAtFirstWrite(script: string, dir: string, watched: (name: string) => boolean): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const watcher = watch(dir, (_event, name) => {
      if (name && watched(String(name))) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      watcher.close();
      if (signal !== 'SIGKILL') reject(new Error(`the writer was not killed mid-write (exit ${code}): ${stderr}`));
      else resolve(signal);
    });
  });
}

describe('atomic writes', () => {
  it('replaces a file and keeps its permission bits, through a symbolic link too', () => {
    const file = join(work, 'plain.txt');
    writeFileSync(file, 'old', { mode: 0o640 });
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(work).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('replaces a folder with a copy of another', () => {
    const source = join(work, 'source');
    const target = join(work, 'target');
    writeFileAtomic(join(source, 'a.txt'), 'A', { mkdir: true });
    writeFileAtomic(join(target, 'stale.txt'), 'S', { mkdir: true });
    replaceFolderAtomic(target, source);
    expect(readdirSync(target)).toEqual(['a.txt']);
    expect(readdirSync(work).filter((f) => f.startsWith('.target'))).toEqual([]);
  });

  it('leaves the old notebook whole when `reproduce --update` is killed while writing it', async () => {
    const dir = mkdtempSync(join(work, 'notebooks-'));
    const file = join(dir, '03-tomato.ipynb');
    const old = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }, null, 1) + '\n';
    writeFileSync(file, old);
    // About 150 MB of output: long enough to write that the kill lands in the middle.
    const script = `
      const { writeNotebook } = require(${JSON.stringify(join(DIST, 'reproduce', 'notebook.js'))});
      const text = 'x'.repeat(150e6);
      writeNotebook(${JSON.stringify(file)}, { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
        { cell_type: 'code', metadata: {}, source: 'big', execution_count: 1, outputs: [{ output_type: 'stream', name: 'stdout', text }] } ] });`;
    await killAtFirstWrite(script, dir, () => true);
    const after = readFileSync(file, 'utf8');
    expect({ bytes: after.length, unchanged: after === old }).toEqual({ bytes: old.length, unchanged: true });
    // The kill came mid-write: the new content's temporary file is still there, cut short;
    // the next write of the notebook clears it away.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    writeNotebook(file, JSON.parse(old));
    expect(readdirSync(dir)).toEqual(['03-tomato.ipynb']);
  }, 60_000);

  it('leaves the whole history when the kernel is killed while trimming it', async () => {
    const dir = mkdtempSync(join(work, 'history-'));
    const file = join(dir, 'history.jsonl');
    const input = 'y'.repeat(10_000);
    const lines: string[] = [];
    for (let i = 1; i <= 10_050; i++) lines.push(JSON.stringify({ session: 1 + Math.floor(i / 100), line: i, input, output: null }) + '\n');
    writeFileSync(file, lines.join(''));
    const script = `
      const { History } = require(${JSON.stringify(join(DIST, 'kernel', 'history.js'))});
      new History(${JSON.stringify(file)}, () => undefined).session;`;
    // The lock file is not the history: the kill waits for the history itself (or its temporary file).
    await killAtFirstWrite(script, dir, (name) => !name.endsWith('.lock'));
    const kept = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(kept.length).toBeGreaterThanOrEqual(10_000);
    for (const line of kept) expect(() => JSON.parse(line)).not.toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
  }, 60_000);

  it('is the only way the project writes files', () => {
    // Calls, not method definitions such as a compiler host's `writeFile(): void`.
    const inPlace = /\b(writeFileSync|appendFileSync|writeFile|appendFile|createWriteStream|cpSync|copyFileSync)\s*\((?!\)\s*:)/;
    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (/\.(ts|js)$/.test(entry.name) && path !== join(ROOT, 'src', 'io', 'atomic.ts')) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (inPlace.test(line)) offenders.push(`${relative(ROOT, path)}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    for (const dir of ['src', 'kernel', 'reproduce', 'cli', 'bin', 'bench']) scan(join(ROOT, dir));
    expect(offenders).toEqual([]);
  });
});
