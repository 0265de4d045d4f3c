/**
 * A finished (or interrupted) sweep's results: the manifest's summary, SQL over the Parquet files
 * with an embedded DuckDB (views `results`, `results_wide`, `runs`, `points`, `timings`), and
 * frames. The parts hold wide rows (one per run and year, a column per metric); `results` presents
 * them in long form, one row per recorded value. DuckDB and danfojs are loaded on first use only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadDanfo, type DataFrame } from '../../frames/danfo';
import { escapeHtml } from '../../frames/display';
import { readManifest, type Manifest } from './compact';
import { MANIFEST_FILE, RESULTS_DIR, TABLE_FILES } from './files';

export interface SweepSummary {
  model: string;
  design: string;
  dir: string;
  complete: boolean;
  points: number;
  replicates: number;
  runs: number;
  ok: number;
  failed: number;
  missing: number;
  rows: number;
  metrics: string[];
  years: [number, number];
  /** Parameters that vary across the design. */
  varied: string[];
}

/** A result row; values typed loosely so that cells can use them without casts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

/** DuckDB values as plain JavaScript: BIGINT counts become numbers when they fit. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  return v;
}

function quote(file: string): string {
  return `'${file.replace(/'/g, "''")}'`;
}

function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class SweepResults {
  readonly manifest: Manifest;
  private connection: Promise<import('@duckdb/node-api').DuckDBConnection> | null = null;

  constructor(readonly dir: string) {
    const manifest = readManifest(dir);
    if (!manifest) {
      const why = fs.existsSync(path.join(dir, MANIFEST_FILE))
        ? 'was collected by an older clusterlab, in the tidy layout (one row per value)'
        : 'has no manifest.json: the sweep was not collected';
      throw new RangeError(`sweep: ${dir} ${why} (run \`clusterlab sweep collect ${dir}\`)`);
    }
    this.manifest = manifest;
  }

  get summary(): SweepSummary {
    const m = this.manifest;
    return {
      model: m.model.name,
      design: m.design.name,
      dir: this.dir,
      complete: m.complete,
      points: m.design.points,
      replicates: m.replicates,
      runs: m.runs.total,
      ok: m.runs.ok,
      failed: m.runs.failed,
      missing: m.runs.missing,
      rows: m.rows,
      metrics: m.model.metrics,
      years: m.model.years,
      varied: m.design.varied,
    };
  }

  /** Failed runs with their errors. */
  get failures(): Manifest['failures'] {
    return this.manifest.failures;
  }

  /**
   * Path of one of the Parquet files (`runs`, `points`, `timings`); for `results`, a glob of its
   * part files (wide rows), which DuckDB and other Parquet readers take as one table.
   */
  file(name: 'results' | keyof typeof TABLE_FILES): string {
    return name === 'results' ? path.join(this.dir, RESULTS_DIR, 'part-*.parquet') : path.join(this.dir, TABLE_FILES[name]);
  }

  /** The results' part files, in the order of their rows. */
  resultsFiles(): string[] {
    return Object.keys(this.manifest.files)
      .filter((f) => f.startsWith(`${RESULTS_DIR}/`))
      .map((f) => path.join(this.dir, f));
  }

  private connect() {
    this.connection ??= (async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
      const instance = await DuckDBInstance.create(':memory:');
      const c = await instance.connect();
      await c.run(`create view results_wide as select * from read_parquet([${this.resultsFiles().map(quote).join(', ')}])`);
      // The long form, one row per recorded value: UNPIVOT leaves out nulls, the values a run did not record.
      const metrics = this.manifest.model.metrics.map(identifier).join(', ');
      await c.run(
        `create view results as select point, replicate, seed, year, metric, value from (unpivot results_wide on ${metrics} into name metric value value)`,
      );
      for (const name of Object.keys(TABLE_FILES) as (keyof typeof TABLE_FILES)[]) {
        if (fs.existsSync(this.file(name))) await c.run(`create view ${name} as select * from read_parquet(${quote(this.file(name))})`);
      }
      return c;
    })();
    return this.connection;
  }

  /**
   * Runs a query over the views `results` (point, replicate, seed, year, metric, value: one row per
   * recorded value), `results_wide` (point, replicate, seed, year and a column per metric: one row
   * per run and year, null where a run did not record the metric), `runs`, `points` and `timings`;
   * rows as objects.
   */
  async sql<T extends Row = Row>(query: string): Promise<T[]> {
    if (typeof query !== 'string' || !query.trim())
      throw new TypeError('sweep results: sql() needs a query, e.g. "select metric, avg(value) from results group by metric"');
    const c = await this.connect();
    const reader = await c.runAndReadAll(query);
    return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])) as T);
  }

  /** A query's rows (default: every row of the long view `results`) as a danfojs DataFrame. */
  async toFrame(query = 'select * from results'): Promise<DataFrame> {
    const rows = await this.sql(query);
    const { DataFrame } = loadDanfo();
    return rows.length > 0 ? new DataFrame(rows) : new DataFrame([], { columns: [] });
  }

  /** Closes the DuckDB connection (it is reopened on the next query). */
  close(): void {
    void this.connection?.then((c) => c.closeSync());
    this.connection = null;
  }

  [Symbol.for('jupyter.mimebundle')](): Record<string, string> {
    const s = this.summary;
    const rows: [string, string][] = [
      ['model', s.model],
      ['design', `${s.design}: ${s.points} points × ${s.replicates} replicates${s.varied.length ? ` (varied: ${s.varied.join(', ')})` : ''}`],
      ['runs', `${s.ok} ok, ${s.failed} failed${s.missing ? `, ${s.missing} not run (interrupted; resume to finish)` : ''}`],
      ['rows', `${s.rows} (${s.metrics.length} metrics, ${s.years[0]}-${s.years[1]})`],
      ['files', shortPath(s.dir)],
    ];
    const html = `<table class="clusterlab-sweep"><caption>sweep ${escapeHtml(s.model)}${s.complete ? '' : ' (incomplete)'}</caption>${rows
      .map(([k, v]) => `<tr><th style="text-align:left">${escapeHtml(k)}</th><td style="text-align:left">${escapeHtml(v)}</td></tr>`)
      .join('')}</table>`;
    return { 'text/html': html, 'text/plain': rows.map(([k, v]) => `${k.padEnd(7)} ${v}`).join('\n') };
  }
}

/** A folder below the working folder as a relative path (stable in saved notebooks). */
function shortPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
}

export function openSweep(dir: string): SweepResults {
  return new SweepResults(dir);
}
