/**
 * `clusterlab reproduce`: the main job behind `npm start`. Executes every notebook in
 * `notebooks/` headlessly on the clusterlab kernel, writes the executed notebooks to
 * `out/notebooks/` and a static site to `out/site/`, and ends with the reproduction scorecard.
 * `--check` also compares the re-executed outputs with the committed ones (used by the tests).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { compareNotebooks } from '../reproduce/compare';
import { NotebookFormatError, readNotebook, writeNotebook, type Notebook } from '../reproduce/notebook';
import { executeNotebook, KernelDiedInCellError, NotebookExecutionError, type CellProgress } from '../reproduce/runner';
import { startClusterlabKernel } from '../reproduce/kernel-session';
import { stripAnsi } from '../reproduce/outputs';
import { keepWidgetIds } from '../reproduce/widget-state';
import { libraryFingerprint } from '../reproduce/fingerprint';
import { writeFileAtomic } from '../src/io/atomic';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

const HELP = `usage: clusterlab reproduce [options]

Executes every notebook in notebooks/ on the clusterlab kernel (Node only, no Jupyter needed),
writes the executed notebooks to OUT/notebooks/ and a static HTML site to OUT/site/, then prints
the reproduction scorecard: each fact of the paper beside the model's ensemble value.

options:
  --check          also compare the outputs with the committed ones (text and data, ignoring
                   execution counts and metadata); exit 1 on a difference; no scorecard
  --update         also write the executed outputs back into notebooks/ (to commit them; widget
                   models that are the same keep the ids they have there)
  --only NAMES     comma-separated notebook names or prefixes (e.g. 03,04-salmon)
  --notebooks DIR  folder of notebooks to run (default: notebooks/ in the project)
  --out DIR        output folder (default: out)
  --no-site        skip the static site
  --no-scorecard   skip the scorecard
  -h, --help       this help`;

interface Options {
  check: boolean;
  update: boolean;
  only: string[] | null;
  out: string;
  notebooks: string;
  site: boolean;
  scorecard: boolean;
}

function parseArgs(args: string[]): Options | string {
  const options: Options = {
    check: false,
    update: false,
    only: null,
    out: path.join(PROJECT_ROOT, 'out'),
    notebooks: path.join(PROJECT_ROOT, 'notebooks'),
    site: true,
    scorecard: true,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      return v;
    };
    try {
      if (arg === '--check') options.check = true;
      else if (arg === '--update') options.update = true;
      else if (arg === '--only')
        options.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      else if (arg === '--out') options.out = path.resolve(value());
      else if (arg === '--notebooks') options.notebooks = path.resolve(value());
      else if (arg === '--no-site') options.site = false;
      else if (arg === '--no-scorecard') options.scorecard = false;
      else return `unknown option '${arg}'`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (options.check && options.update) return '--check and --update cannot be used together';
  return options;
}

function listNotebooks(dir: string, only: string[] | null): string[] {
  if (!existsSync(dir)) throw new Error(`no notebook folder ${dir}`);
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.ipynb'))
    .sort()
    .map((f) => f.replace(/\.ipynb$/, ''));
  if (!only) return all;
  const picked = all.filter((name) => only.some((o) => name === o || name.startsWith(o)));
  const unknown = only.filter((o) => !all.some((name) => name === o || name.startsWith(o)));
  if (unknown.length) throw new Error(`--only: no notebook named ${unknown.join(', ')}; notebooks are ${all.join(', ')}`);
  return picked;
}

function progressLine(p: CellProgress): string {
  const mark = p.status === 'ok' ? 'ok' : 'FAILED';
  return `  ${p.notebook}  [${String(p.index).padStart(2)}/${p.of}] ${p.cell.padEnd(30)} ${mark} ${(p.ms / 1000).toFixed(1)} s`;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(`clusterlab reproduce: ${options}\n\n${HELP}\n`);
    return 2;
  }
  const notebookDir = options.notebooks;
  let names: string[];
  try {
    names = listNotebooks(notebookDir, options.only);
  } catch (error) {
    process.stderr.write(`clusterlab reproduce: ${(error as Error).message}\n`);
    return 2;
  }
  const executedDir = path.join(options.out, 'notebooks');
  mkdirSync(executedDir, { recursive: true });

  const fingerprint = libraryFingerprint(PROJECT_ROOT);
  // One line per notebook that did not run through, for the summary at the end.
  const failures: string[] = [];
  const mismatched: string[] = [];
  const executed: { name: string; notebook: Notebook }[] = [];
  for (const name of names) {
    const file = path.join(notebookDir, `${name}.ipynb`);
    let committed: Notebook;
    try {
      committed = readNotebook(file);
    } catch (error) {
      if (!(error instanceof NotebookFormatError)) throw error;
      failures.push(`${name}: unreadable: ${error.message}`);
      process.stdout.write(`${name}: UNREADABLE, skipped: ${error.message}\n\n`);
      continue;
    }
    const started = Date.now();
    process.stdout.write(`${name}: executing\n`);
    let result: Notebook;
    try {
      // Each notebook gets a kernel of its own, so a kernel that died does not stop the next notebook.
      result = await executeNotebook(committed, {
        name,
        cwd: notebookDir,
        startKernel: startClusterlabKernel,
        onCell: (p) => process.stdout.write(progressLine(p) + '\n'),
      });
    } catch (error) {
      if (error instanceof NotebookExecutionError) {
        failures.push(`${error.notebook}, ${error.cell}: ${error.ename}: ${stripAnsi(error.evalue)}`);
        process.stdout.write(`${name}: FAILED at ${error.cell}\n${stripAnsi(error.traceback.join('\n')) || `${error.ename}: ${error.evalue}`}\n\n`);
      } else if (error instanceof KernelDiedInCellError) {
        failures.push(error.message);
        process.stdout.write(`${name}: FAILED: ${error.message}; the next notebook gets a new kernel\n\n`);
      } else {
        failures.push(`${name}: ${(error as Error).message}`);
        process.stdout.write(`${name}: FAILED: ${(error as Error).message}\n\n`);
      }
      continue;
    }
    process.stdout.write(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    result.metadata = { ...result.metadata, clusterlab: { model: fingerprint } };
    keepWidgetIds(result, committed);
    writeNotebook(path.join(executedDir, `${name}.ipynb`), result);
    if (options.update) writeNotebook(file, result);
    executed.push({ name, notebook: result });
    if (options.check) {
      const diffs = compareNotebooks(committed, result);
      if (diffs.length) {
        mismatched.push(name);
        process.stdout.write(`${name}: outputs differ from the committed notebook\n`);
        for (const d of diffs) process.stdout.write(`  ${d.cell}: ${d.detail}\n`);
        const before = committed.metadata?.clusterlab?.model;
        if (before !== fingerprint) {
          process.stdout.write(
            `  (the committed outputs come from model sources ${before ?? 'of unknown version'}, these are ${fingerprint}: if the model changed on purpose, run \`npx clusterlab reproduce --update\` and commit the notebooks)\n`,
          );
        }
      } else {
        process.stdout.write(`${name}: outputs reproduce the committed notebook\n`);
      }
    }
  }

  // The scorecard is computed before the site (which links it) and printed last.
  let scorecardText: string | undefined;
  if (!options.check && options.scorecard) {
    const { scorecard } = await import('../reproduce/scorecard');
    scorecardText = await scorecard();
    writeFileAtomic(path.join(options.out, 'scorecard.txt'), scorecardText.trimStart());
  }
  if (options.site && executed.length) {
    const { buildSiteBundle } = await import('../reproduce/site-bundle');
    const { writeSite } = await import('../reproduce/site');
    const siteDir = path.join(options.out, 'site');
    await buildSiteBundle(siteDir);
    writeSite(siteDir, executed, { scorecard: scorecardText });
    process.stdout.write(`\nstatic site: ${path.relative(process.cwd(), path.join(siteDir, 'index.html')) || 'index.html'}\n`);
  }
  if (executed.length) {
    process.stdout.write(
      `executed notebooks: ${path.relative(process.cwd(), executedDir) || '.'}${options.update ? ' (and written back to notebooks/)' : ''}\n`,
    );
  }
  if (scorecardText) {
    process.stdout.write(`scorecard: ${path.relative(process.cwd(), path.join(options.out, 'scorecard.txt'))}\n`);
    process.stdout.write(scorecardText);
  }

  if (failures.length) {
    process.stderr.write(`\n${failures.length} notebook(s) failed:\n`);
    for (const f of failures) process.stderr.write(`  ${f}\n`);
    return 1;
  }
  if (mismatched.length) {
    process.stderr.write(`\noutputs differ from the committed ones in: ${mismatched.join(', ')}\n`);
    return 1;
  }
  return 0;
}
