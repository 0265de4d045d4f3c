import { describe, expect, it } from 'vitest';
import { progressBar } from '../../dist/cli/progress';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
}

describe('progress bar', () => {
  it('draws on a terminal, and clears its line when done', () => {
    const { written, stream } = fakeStream(true);
    const bar = progressBar(stream);
    bar.update('sobol runs', 5, 10);
    bar.update('sobol runs', 6, 10); // within 100 ms of the last: skipped
    bar.update('sobol runs', 10, 10); // the last one is always drawn
    bar.finish();
    expect(written.length).toBe(3);
    expect(written[0].startsWith('\r\x1b[2Ksobol runs [')).toBe(true);
    expect(written[0]).toMatch(/\[#{15}\.{15}\] 5\/10 /);
    expect(written[1]).toMatch(/\[#{30}\] 10\/10/);
    expect(written[2]).toBe('\r\x1b[2K');
  });

  it('writes nothing when stderr is a pipe or a file', () => {
    const { written, stream } = fakeStream(false);
    const bar = progressBar(stream);
    bar.update('morris runs', 1, 2);
    bar.finish();
    expect(written).toEqual([]);
  });
});
