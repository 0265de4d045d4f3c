/** `clusterlab kernel -f CONNECTION_FILE`: the command a Jupyter kernelspec runs. */
export async function run(args: string[]): Promise<number> {
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-f' || arg === '--connection-file') file = args[++i];
    else if (arg.startsWith('--connection-file=')) file = arg.slice('--connection-file='.length);
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'usage: clusterlab kernel -f CONNECTION_FILE   (or --connection-file FILE)\n\nRuns the clusterlab Jupyter kernel (Jupyter starts it for you).\n',
      );
      return 0;
    } else {
      process.stderr.write(`clusterlab kernel: unknown option '${arg}' (expected -f CONNECTION_FILE)\n`);
      return 2;
    }
  }
  if (!file) {
    process.stderr.write('clusterlab kernel: missing -f CONNECTION_FILE\n');
    return 2;
  }
  const { startKernel } = await import('../kernel/main');
  await startKernel(file);
  // The kernel runs until a shutdown_request; keep the process alive.
  return new Promise<number>(() => undefined);
}
