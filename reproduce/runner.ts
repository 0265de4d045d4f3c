/**
 * Executes a notebook cell by cell on a kernel, headlessly, the way nbclient does: a fresh kernel
 * per notebook started in the notebook's folder, outputs collected from iopub into nbformat, the
 * first failing cell stops the notebook and is reported with its error.
 */
import { cellName, joinText, type CodeCell, type Notebook } from './notebook';
import { OutputCollector, type IopubMessage } from './outputs';
import { storeWidgetState, WidgetStateCollector } from './widget-state';

export interface ExecuteReply {
  status: 'ok' | 'error' | 'aborted';
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/**
 * Thrown by `KernelSession.execute` when the kernel process ends before answering: `how` says
 * how ("exit code 1", "signal SIGKILL").
 */
export class KernelDiedError extends Error {
  override name = 'KernelDiedError';
  constructor(readonly how: string) {
    super(`the kernel died (${how})`);
  }
}

/** What the runner needs of a kernel: run code, report its iopub messages, stop. */
export interface KernelSession {
  execute(code: string, onIopub: (message: IopubMessage) => void): Promise<ExecuteReply>;
  shutdown(): Promise<void>;
}

export type KernelFactory = (options: { cwd: string; kernelName: string }) => Promise<KernelSession>;

export interface CellProgress {
  notebook: string;
  /** Position among the notebook's code cells, from 1. */
  index: number;
  of: number;
  cell: string;
  status: 'ok' | 'error';
  ms: number;
}

export class NotebookExecutionError extends Error {
  override name = 'NotebookExecutionError';
  constructor(
    readonly notebook: string,
    readonly cell: string,
    readonly ename: string,
    readonly evalue: string,
    readonly traceback: string[],
  ) {
    super(`${notebook}, ${cell}: ${ename}: ${evalue}`);
  }
}

/** The kernel ended while it ran a cell: the notebook stops there, its kernel is gone. */
export class KernelDiedInCellError extends Error {
  override name = 'KernelDiedInCellError';
  constructor(
    readonly notebook: string,
    readonly cell: string,
    readonly how: string,
  ) {
    super(`the kernel died (${how}) in notebook ${notebook}, ${cell}`);
  }
}

export interface RunOptions {
  /** Name shown in progress and errors, e.g. "03-tomato". */
  name: string;
  /** Folder the kernel runs in (the notebook's own folder, as in JupyterLab). */
  cwd: string;
  startKernel: KernelFactory;
  onCell?: (progress: CellProgress) => void;
  /** Milliseconds one cell may take before the run fails (default 10 minutes). */
  cellTimeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs every code cell of `input` and returns the executed copy (the input is not modified).
 * Throws NotebookExecutionError at the first cell that fails, KernelDiedInCellError when a cell
 * ends the kernel.
 */
export async function executeNotebook(input: Notebook, options: RunOptions): Promise<Notebook> {
  const nb: Notebook = JSON.parse(JSON.stringify(input));
  const kernelName = nb.metadata?.kernelspec?.name ?? 'clusterlab';
  const codeCells = nb.cells.map((cell, index) => ({ cell, index })).filter((c): c is { cell: CodeCell; index: number } => c.cell.cell_type === 'code');
  const kernel = await options.startKernel({ cwd: options.cwd, kernelName });
  // Jupyter widgets' state is saved beside the outputs, as nbclient's store_widget_state does.
  const widgets = new WidgetStateCollector();
  try {
    let position = 0;
    for (const { cell, index } of codeCells) {
      position++;
      const name = cellName(cell, index);
      const collector = new OutputCollector();
      const started = Date.now();
      const source = joinText(cell.source);
      let reply: ExecuteReply;
      try {
        reply = source.trim()
          ? await withTimeout(
              kernel.execute(source, (m) => {
                collector.handle(m);
                widgets.handle(m);
              }),
              options.cellTimeoutMs ?? 600_000,
              `${options.name}, ${name}`,
            )
          : { status: 'ok', execution_count: null };
      } catch (error) {
        if (!(error instanceof KernelDiedError)) throw error;
        options.onCell?.({ notebook: options.name, index: position, of: codeCells.length, cell: name, status: 'error', ms: Date.now() - started });
        throw new KernelDiedInCellError(options.name, name, error.how);
      }
      cell.outputs = collector.outputs;
      cell.execution_count = reply.execution_count ?? null;
      const failed = reply.status !== 'ok';
      options.onCell?.({
        notebook: options.name,
        index: position,
        of: codeCells.length,
        cell: name,
        status: failed ? 'error' : 'ok',
        ms: Date.now() - started,
      });
      if (failed) {
        const shown = collector.outputs.find((o) => o.output_type === 'error');
        const ename = reply.ename ?? (shown?.output_type === 'error' ? shown.ename : reply.status);
        const evalue = reply.evalue ?? (shown?.output_type === 'error' ? shown.evalue : 'the kernel did not run the cell');
        const traceback = reply.traceback ?? (shown?.output_type === 'error' ? shown.traceback : []);
        throw new NotebookExecutionError(options.name, name, ename, evalue, traceback);
      }
    }
  } finally {
    await kernel.shutdown();
  }
  storeWidgetState(nb, widgets.document());
  return nb;
}
