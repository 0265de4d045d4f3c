/**
 * Input history, kept in a JSON-lines file so that it survives kernel restarts. Each kernel
 * start is a new session numbered after the last one in the file, as in IPython's history
 * database; `history_request` reads it back by tail, range or glob search.
 *
 * Several kernels may share the file, and any of them may be killed at any moment, so:
 * - a kernel claims its session by appending a session marker while it holds a lock file, so
 *   two kernels started together never take the same number;
 * - every entry is one append of one whole line, started on a fresh line, so a line torn by a
 *   crash spoils only itself; unreadable lines are skipped and reported once in the kernel's log
 *   and in every `history_reply` (a `warning` field beside `history`);
 * - trimming the file to its last KEEP_ENTRIES entries rewrites it atomically (temporary file,
 *   rename), so a kill during the trim leaves the old file whole;
 * - an entry keeps at most MAX_ENTRY_CHARS characters of input and of output.
 * `CLUSTERLAB_HISTORY_FILE=:memory:` (the notebook runner's setting) keeps history in memory only,
 * as IPython's `HistoryManager.hist_file = ':memory:'` does.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { appendLine, processAlive, writeFileAtomic } from '../src/io/atomic';

export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  output: string | null;
}

export interface HistoryQuery {
  hist_access_type?: 'tail' | 'range' | 'search' | string;
  output?: boolean;
  session?: number;
  start?: number;
  stop?: number | null;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

/** The history file name that means "no file": history lives and dies with the kernel. */
export const IN_MEMORY = ':memory:';

const KEEP_ENTRIES = 10_000;
/** Longer inputs and outputs are cut to this many characters, with a note saying so. */
export const MAX_ENTRY_CHARS = 100_000;
/** Session and line numbers are counted from 1; beyond this a number is taken for corruption. */
const MAX_NUMBER = 1_000_000_000;
/** A lock older than this was left by a kernel that died holding it. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

export function defaultHistoryFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLUSTERLAB_HISTORY_FILE) return env.CLUSTERLAB_HISTORY_FILE;
  if (env.JUPYTER_DATA_DIR) return join(env.JUPYTER_DATA_DIR, 'clusterlab', 'history.jsonl');
  const share = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(share, 'clusterlab', 'history.jsonl');
}

/** IPython's history search uses SQLite GLOB: `*` any run, `?` one character, whole input. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[\\s\\S]*')
    .replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}

function isCount(x: unknown): x is number {
  return Number.isInteger(x) && (x as number) >= 1 && (x as number) <= MAX_NUMBER;
}

/** Text cut to MAX_ENTRY_CHARS (never inside a surrogate pair), with a note of the full length. */
export function boundText(text: string): string {
  if (text.length <= MAX_ENTRY_CHARS) return text;
  let end = MAX_ENTRY_CHARS;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}\n[history keeps the first ${end} of ${text.length} characters]`;
}

type ParsedLine = { kind: 'entry'; entry: HistoryEntry } | { kind: 'marker'; session: number } | { kind: 'bad'; why: string };

function parseLine(text: string): ParsedLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'bad', why: 'not JSON (cut short by a crash?)' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'bad', why: 'not an object' };
  const value = parsed as Record<string, unknown>;
  if (!isCount(value.session)) return { kind: 'bad', why: `session ${JSON.stringify(value.session)} is not a whole number from 1 to ${MAX_NUMBER}` };
  if (typeof value.started === 'string' && value.line === undefined) return { kind: 'marker', session: value.session };
  if (!isCount(value.line)) return { kind: 'bad', why: `line ${JSON.stringify(value.line)} is not a whole number from 1 to ${MAX_NUMBER}` };
  if (typeof value.input !== 'string') return { kind: 'bad', why: 'input is not a string' };
  const output = typeof value.output === 'string' ? value.output : null;
  return { kind: 'entry', entry: { session: value.session, line: value.line, input: value.input, output } };
}

/** Lines of a file read as bytes, so that a file past V8's longest string still reads. */
function* fileLines(bytes: Buffer): Generator<string> {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    yield bytes.toString('utf8', start, end);
    start = end + 1;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class History {
  private entries: HistoryEntry[] | null = null;
  private currentSession = 0;
  /** What was wrong with the file when it was read, for history replies; null when nothing. */
  private warning: string | null = null;
  private writeFailed = false;

  constructor(
    readonly file: string,
    private readonly warn: (text: string) => void,
  ) {}

  private get inMemory(): boolean {
    return this.file === IN_MEMORY;
  }

  get session(): number {
    this.load();
    return this.currentSession;
  }

  /**
   * Runs `fn` holding `<file>.lock`, created exclusively: the kernels sharing the file take turns.
   * A lock whose kernel is gone, or that is older than any turn takes, is removed; if the lock
   * cannot be had in LOCK_WAIT_MS, `fn` runs anyway (history matters less than a cell).
   */
  private locked<T>(fn: () => T): T {
    const lock = `${this.file}.lock`;
    mkdirSync(dirname(this.file), { recursive: true });
    const deadline = Date.now() + LOCK_WAIT_MS;
    let held = false;
    while (!held) {
      try {
        const fd = openSync(lock, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        held = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (this.lockIsStale(lock)) {
          this.removeLock(lock);
        } else if (Date.now() > deadline) {
          this.warn(`history lock ${lock} held too long; writing without it`);
          break;
        } else {
          sleep(5);
        }
      }
    }
    try {
      return fn();
    } finally {
      if (held) this.removeLock(lock);
    }
  }

  private lockIsStale(lock: string): boolean {
    try {
      const pid = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) return true;
      return Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
    } catch {
      // Gone already, or not written yet: try again.
      return false;
    }
  }

  private removeLock(lock: string): void {
    try {
      unlinkSync(lock);
    } catch {
      // Removed by whoever found it stale.
    }
  }

  private load(): HistoryEntry[] {
    if (this.entries) return this.entries;
    this.entries = [];
    if (this.inMemory) {
      this.currentSession = 1;
      return this.entries;
    }
    try {
      this.locked(() => this.claimSession(this.entries as HistoryEntry[]));
    } catch (error) {
      this.warn(`history file ${this.file} unusable (${(error as Error).message}); keeping this session's history in memory only`);
      this.writeFailed = true;
      this.currentSession = Math.max(1, this.currentSession);
    }
    return this.entries;
  }

  /** Reads the file, takes the next session number and records it (holding the lock). */
  private claimSession(entries: HistoryEntry[]): void {
    let lastSession = 0;
    const bad: number[] = [];
    let firstWhy = '';
    if (existsSync(this.file)) {
      let number = 0;
      for (const text of fileLines(readFileSync(this.file))) {
        number++;
        if (!text.trim()) continue;
        const parsed = parseLine(text);
        if (parsed.kind === 'bad') {
          if (!bad.length) firstWhy = parsed.why;
          bad.push(number);
          continue;
        }
        const session = parsed.kind === 'entry' ? parsed.entry.session : parsed.session;
        lastSession = Math.max(lastSession, session);
        if (parsed.kind === 'entry') entries.push(parsed.entry);
      }
    }
    if (bad.length) {
      const shown = bad.slice(0, 10).join(', ') + (bad.length > 10 ? ', ...' : '');
      this.warning = `history file ${this.file}: skipped ${bad.length} unreadable line${bad.length > 1 ? 's' : ''} (${shown}; line ${bad[0]}: ${firstWhy})`;
      this.warn(this.warning);
    }
    if (lastSession >= MAX_NUMBER) throw new Error(`session numbers have reached ${MAX_NUMBER}`);
    this.currentSession = lastSession + 1;
    const marker = JSON.stringify({ session: this.currentSession, started: new Date().toISOString() }) + '\n';
    if (entries.length > KEEP_ENTRIES) {
      entries.splice(0, entries.length - KEEP_ENTRIES);
      writeFileAtomic(this.file, entries.map((e) => JSON.stringify(e) + '\n').join('') + marker);
    } else {
      appendLine(this.file, marker, 0o600);
    }
  }

  append(line: number, input: string, output: string | null): void {
    const entries = this.load();
    const entry: HistoryEntry = { session: this.currentSession, line, input: boundText(input), output: output === null ? null : boundText(output) };
    entries.push(entry);
    if (this.inMemory || this.writeFailed) return;
    try {
      this.locked(() => appendLine(this.file, JSON.stringify(entry) + '\n', 0o600));
    } catch (error) {
      this.writeFailed = true;
      this.warn(`cannot write history file ${this.file} (${(error as Error).message}); keeping this session's history in memory only`);
    }
  }

  query(q: HistoryQuery): unknown[] {
    const entries = this.load();
    let found: HistoryEntry[];
    const n = q.n ?? null;
    switch (q.hist_access_type) {
      case 'tail':
        found = n === null ? entries.slice() : entries.slice(Math.max(0, entries.length - n));
        break;
      case 'range': {
        const wanted = !q.session || q.session <= 0 ? this.currentSession + (q.session ?? 0) : q.session;
        const start = q.start ?? 0;
        const stop = q.stop ?? Infinity;
        found = entries.filter((e) => e.session === wanted && e.line >= start && e.line < stop);
        break;
      }
      case 'search': {
        const re = globToRegExp(q.pattern ?? '*');
        found = entries.filter((e) => re.test(e.input));
        if (q.unique) {
          const seen = new Set<string>();
          found = found
            .reverse()
            .filter((e) => !seen.has(e.input) && seen.add(e.input))
            .reverse();
        }
        if (n !== null) found = found.slice(Math.max(0, found.length - n));
        break;
      }
      default:
        throw new RangeError(`hist_access_type must be 'tail', 'range' or 'search', got '${q.hist_access_type}'`);
    }
    return found.map((e) => [e.session, e.line, q.output ? [e.input, e.output] : e.input]);
  }

  /** The content of a `history_reply`: the spec's status and history, and a warning if lines were skipped. */
  reply(q: HistoryQuery): { status: 'ok'; history: unknown[]; warning?: string } {
    const history = this.query(q);
    return this.warning ? { status: 'ok', history, warning: this.warning } : { status: 'ok', history };
  }
}
