/**
 * A progress bar on stderr, drawn only when stderr is a terminal (so pipes and CI logs stay clean)
 * and at most ten times a second, so that it costs nothing next to the model runs.
 */
export interface Progress {
  update(stage: string, done: number, total: number): void;
  finish(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => {}, finish: () => {} };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(stage, done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = Math.round((width * done) / Math.max(1, total));
      const elapsed = (now - started) / 1000;
      const rate = done / Math.max(elapsed, 1e-3);
      const left = done > 0 && done < total ? ` ${Math.ceil((total - done) / rate)} s left` : '';
      stream.write(`\r\x1b[2K${stage} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${elapsed.toFixed(1)} s${left}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
