import { readConnectionFile } from './connection';
import { Kernel } from './kernel';

const PARENT_CHECK_MS = 2000;

/**
 * A kernel whose frontend process died would run on forever, unseen; like ipykernel's parent
 * poller, exit once the process that started us is gone (we are re-parented).
 */
function exitWithParent(kernel: Kernel): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    void kernel.close().finally(() => process.exit(0));
  }, PARENT_CHECK_MS);
  timer.unref();
}

/** Starts a kernel for a Jupyter connection file; resolves once it listens. */
export async function startKernel(connectionFile: string): Promise<Kernel> {
  const kernel = new Kernel(readConnectionFile(connectionFile));
  await kernel.start();
  exitWithParent(kernel);
  return kernel;
}
