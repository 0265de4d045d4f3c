// A sweep in a real clusterlab kernel: live progress in one display updated in place, the kernel's
// interrupt stops it (the kernel stays, the finished part is kept and queryable), and it resumes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kernelForBlock } from '../support/kernel';
import { MODEL_FILE } from '../support/sweep/compare';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a sweep in the kernel', () => {
  const shared = kernelForBlock('clusterlab-sweep-kernel-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterlab-sweep-kernel-dir-'));

  for (const executor of ['serial', 'threads']) {
    it(`shows progress in one display, stops on interrupt keeping what finished, and resumes (${executor})`, async () => {
      const out = path.join(dir, executor);
      const code = [
        `const { model } = require(${JSON.stringify(MODEL_FILE)});`,
        `const design = [{ slope: 1, workMs: 4 }, { slope: 2, workMs: 4 }];`,
        `await runSweep(model, design, { replicates: 1000, seed: 3, shards: 4, dir: ${JSON.stringify(out)}, executor: '${executor}', workers: 2 });`,
      ].join('\n');
      const ids = new Set<string>();
      let updates = 0;
      const started = shared.kernel.execute(code, {
        timeoutMs: 60_000,
        onOutput: (m) => {
          const id = (m.content as { transient?: { display_id?: string } }).transient?.display_id;
          if (m.header.msg_type === 'display_data' && id) ids.add(id);
          if (m.header.msg_type === 'update_display_data') updates++;
        },
      });
      // Let it run until at least one shard flushed, then interrupt.
      const status = path.join(out, 'status');
      const end = Date.now() + 30_000;
      while (!(fs.existsSync(status) && fs.readdirSync(status).some((f) => fs.statSync(path.join(status, f)).size > 0))) {
        if (Date.now() > end) throw new Error('no shard flushed within 30 s');
        await sleep(50);
      }
      expect((await shared.kernel.interrupt()).content.status).toBe('ok');
      const r = await started;
      expect(r.status).toBe('error');
      expect(r.error?.ename).toBe('Interrupted');
      expect(ids.size).toBe(1);
      expect(updates).toBeGreaterThan(0);

      // The kernel answers; the finished part is compacted and queryable once the sweep has stopped.
      const partial = await shared.kernel.execute(
        `let partial; for (let i = 0; i < 100 && !(partial = experiments.readManifest(${JSON.stringify(out)})); i++) await new Promise(r => setTimeout(r, 100));\n` +
          `const s = openSweep(${JSON.stringify(out)}).summary; [s.complete, s.ok + s.failed > 0, s.missing > 0]`,
        { timeoutMs: 60_000 },
      );
      expect(partial.result?.['text/plain']).toBe('[ false, true, true ]');
      const rows = await shared.kernel.execute(`(await openSweep(${JSON.stringify(out)}).sql('select count(*) as n from runs'))[0].n > 0`, {
        timeoutMs: 60_000,
      });
      expect(rows.result?.['text/plain'], JSON.stringify(rows.error)).toBe('true');
      const resumed = await shared.kernel.execute(`(await resumeSweep(${JSON.stringify(out)}, { executor: '${executor}', progress: false })).summary.missing`, {
        timeoutMs: 120_000,
      });
      expect(resumed.result?.['text/plain']).toBe('0');
    }, 180_000);
  }
});
