import { readConnectionFile } from './connection';
import { Kernel } from './kernel';

/** Starts a kernel for a Jupyter connection file; resolves once it listens. */
export async function startKernel(connectionFile: string): Promise<Kernel> {
  const kernel = new Kernel(readConnectionFile(connectionFile));
  await kernel.start();
  return kernel;
}
