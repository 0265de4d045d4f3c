/**
 * The layer of service and input firms (Perez-Aleman 2005, 3.2: hatcheries, feed, cages,
 * processing, refrigerated transport; 3.1: growers' services): their number follows the output
 * they can serve, with entry and exit lagging behind. They are counted as the paper counts firms
 * (the 219 of 1997 include them) and, under agglomeration, lower lead firms' costs.
 */
import type { World } from '../world';

export function services(w: World): void {
  const s = w.cfg.services;
  const rng = w.rng.services;
  const target = w.totalOutput / s.tonnesPerFirm;
  if (target > w.services) {
    const add = rng.poisson(s.adjust * (target - w.services));
    for (let k = 0; k < add; k++) {
      w.serviceNodes.push(w.addNode('service', w.serviceNodes.length + 1, w.year));
      w.services++;
    }
  } else if (w.services > 0) {
    const drop = rng.binomial(w.services, Math.min(1, (s.adjust * (w.services - target)) / w.services));
    for (let k = 0; k < drop; k++) {
      const node = w.serviceNodes.pop()!;
      w.network.removeNode(node, w.year);
      w.services--;
    }
  }
}
