/**
 * The baseline the Schelling benchmark compares against: the same model written the
 * straightforward way, one object per agent, a grid of object references, neighbour lists built as
 * arrays, empty cells kept as an array of coordinate objects (roughly how Mesa-style code reads).
 * Same rules and the same seeded streams as the engine version; only the data layout differs.
 */
import { createRng, type Seed } from '../src/engine/rng';
import type { SchellingOptions } from '../src/engine/examples/schelling';

interface Person {
  x: number;
  y: number;
  group: number;
  happy: boolean;
}

interface Spot {
  x: number;
  y: number;
}

/** Runs the object-per-agent version; returns the share of happy agents after each step. */
export function runSchellingObjects(options: SchellingOptions, seed: Seed): number[] {
  const { width, height, radius, minHappy } = options;
  const rng = createRng(seed);
  const placement = rng.fork('placement');
  const activation = rng.fork('activation');
  const moving = rng.fork('moving');
  const grid: (Person | null)[][] = Array.from({ length: height }, () => new Array<Person | null>(width).fill(null));
  const empties: Spot[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) empties.push({ x, y });
  const people: Person[] = [];
  for (let n = 0; n < options.agents; n++) {
    const k = placement.int(empties.length);
    const spot = empties[k];
    empties[k] = empties[empties.length - 1];
    empties.pop();
    const person = { x: spot.x, y: spot.y, group: n < options.agents / 2 ? 1 : 2, happy: false };
    grid[spot.y][spot.x] = person;
    people.push(person);
  }
  const neighbours = (p: Person): Person[] => {
    const out: Person[] = [];
    for (let y = Math.max(0, p.y - radius); y <= Math.min(height - 1, p.y + radius); y++) {
      for (let x = Math.max(0, p.x - radius); x <= Math.min(width - 1, p.x + radius); x++) {
        const other = grid[y][x];
        if (other && other !== p) out.push(other);
      }
    }
    return out;
  };
  const happyShares: number[] = [];
  for (let step = 0; step < options.steps; step++) {
    const order = people.slice();
    for (let i = order.length - 1; i > 0; i--) {
      const j = activation.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    let happyCount = 0;
    for (const p of order) {
      const same = neighbours(p).filter((o) => o.group === p.group).length;
      p.happy = same >= minHappy;
      if (p.happy) {
        happyCount++;
        continue;
      }
      const k = moving.int(empties.length);
      const target = empties[k];
      empties[k] = { x: p.x, y: p.y };
      grid[p.y][p.x] = null;
      grid[target.y][target.x] = p;
      p.x = target.x;
      p.y = target.y;
    }
    happyShares.push(happyCount / people.length);
  }
  return happyShares;
}
