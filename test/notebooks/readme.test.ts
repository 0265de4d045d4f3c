/**
 * Every TypeScript example in the README runs when pasted into a cell of the clusterlab kernel
 * (an earlier README's engine example imported from dist/ and called what cells do not have).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelForBlock } from '../support/kernel';
import { ROOT } from '../support/run-command';

const examples = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('README examples in a cell', () => {
  const block = kernelForBlock('clusterlab-readme-');

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((code, i) => [i + 1, code]))(
    'example %i runs without error',
    async (_, code) => {
      const { reply } = await block.kernel.execute(code as string, { timeoutMs: 300_000 });
      expect({ status: reply.content.status, error: reply.content.evalue }).toEqual({ status: 'ok', error: undefined });
    },
    320_000,
  );
});
