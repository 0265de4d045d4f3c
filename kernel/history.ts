/**
 * Input history, kept in a JSON-lines file so that it survives kernel restarts. Each kernel
 * start is a new session numbered after the last one in the file, as in IPython's history
 * database; `history_request` reads it back by tail, range or glob search.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

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

const KEEP_ENTRIES = 10_000;

export function defaultHistoryFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLUSTERLAB_HISTORY_FILE) return env.CLUSTERLAB_HISTORY_FILE;
  if (env.JUPYTER_DATA_DIR) return join(env.JUPYTER_DATA_DIR, 'clusterlab', 'history.jsonl');
  const share = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(share, 'clusterlab', 'history.jsonl');
}

/** IPython's history search uses SQLite GLOB: `*` any run, `?` one character, whole input. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${body}$`);
}

export class History {
  private entries: HistoryEntry[] | null = null;
  private currentSession = 0;

  constructor(
    readonly file: string,
    private readonly warn: (text: string) => void,
  ) {}

  get session(): number {
    this.load();
    return this.currentSession;
  }

  private load(): HistoryEntry[] {
    if (this.entries) return this.entries;
    const entries: HistoryEntry[] = [];
    try {
      if (existsSync(this.file)) {
        for (const line of readFileSync(this.file, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            const e = JSON.parse(line);
            if (Number.isInteger(e.session) && Number.isInteger(e.line) && typeof e.input === 'string') entries.push(e);
          } catch {
            // A line cut short by a crash; the rest of the file is still good.
          }
        }
      }
      if (entries.length > KEEP_ENTRIES) {
        entries.splice(0, entries.length - KEEP_ENTRIES);
        writeFileSync(this.file, entries.map((e) => JSON.stringify(e) + '\n').join(''));
      }
    } catch (error) {
      this.warn(`history file ${this.file} unreadable (${(error as Error).message}); starting empty`);
    }
    this.entries = entries;
    this.currentSession = entries.reduce((max, e) => Math.max(max, e.session), 0) + 1;
    return entries;
  }

  append(line: number, input: string, output: string | null): void {
    const entry = { session: this.session, line, input, output };
    this.load().push(entry);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, JSON.stringify(entry) + '\n');
    } catch (error) {
      this.warn(`cannot write history file ${this.file}: ${(error as Error).message}`);
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
          found = found.reverse().filter((e) => !seen.has(e.input) && seen.add(e.input)).reverse();
        }
        if (n !== null) found = found.slice(Math.max(0, found.length - n));
        break;
      }
      default:
        throw new RangeError(`hist_access_type must be 'tail', 'range' or 'search', got '${q.hist_access_type}'`);
    }
    return found.map((e) => [e.session, e.line, q.output ? [e.input, e.output] : e.input]);
  }
}
