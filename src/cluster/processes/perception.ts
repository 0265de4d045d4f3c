/**
 * What firms know about their own practices (Perez-Aleman 2005, 2.3 and 4: "the information that
 * arises from this monitoring allows firms to learn what needs to improve"). Each firm holds a
 * belief about each practice gap with an uncertainty; it updates it from every signal it gets in a
 * year by precision weighting (a Kalman step). Its own assessment is noisy and sees only part of
 * the gap; benchmarking among members, inspections for the seal or under regulation, buyers'
 * audits, the research institute, the public programmes' comparison with foreign competitors and
 * disease outbreaks each reveal gaps with less noise and without that bias.
 */
import { CULTIVATION, K, PROCESSING, QUALITY, SANITARY } from '../schema';
import type { World } from '../world';
import { programmeActive } from './publicSector';

function observe(w: World, j: number, signal: number, sigma: number): void {
  const v = w.variance[j];
  const gain = v / (v + sigma * sigma);
  w.perceived[j] += gain * (signal - w.perceived[j]);
  w.variance[j] = v * (1 - gain);
}

/** One block of a firm's signal noise, drawn at once through a buffer (see Rng.normals). */
const noise = new Float64Array(K);

/** The sources of signals, indexing this year's noise levels in `sigma`. */
const enum Source {
  Self,
  Bench,
  Inspect,
  Audit,
  Research,
  Consult,
  Crisis,
}
const sigma = new Float64Array(7);

export function perception(w: World): void {
  const c = w.cfg;
  const p = c.perception;
  const m = c.mechanisms;
  const rng = w.rng.perception;
  const f = w.firms;
  const { member, foreign, exported, tutorLeft } = f.cols;
  const gap = w.gap;
  const drift = p.driftSigma * p.driftSigma;
  const bench = m.association && m.benchmarking && w.founded > 0;
  const inspectAll = m.regulation && w.regulation > 0;
  const consult = programmeActive(w);
  sigma[Source.Self] = p.selfSigma;
  sigma[Source.Bench] = p.benchSigma;
  sigma[Source.Inspect] = p.inspectSigma;
  sigma[Source.Audit] = p.auditSigma;
  sigma[Source.Research] = p.researchSigma;
  sigma[Source.Consult] = p.consultSigma;
  sigma[Source.Crisis] = p.crisisSigma;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const base = i * K;
    rng.normals(noise, K, sigma, Source.Self);
    for (let k = 0; k < K; k++) {
      w.variance[base + k] += drift;
      observe(w, base + k, p.selfBias * gap[base + k] + noise[k], sigma[Source.Self]);
    }
    const isMember = member[i] === 1 && w.founded > 0;
    if (bench && isMember) {
      rng.normals(noise, K, sigma, Source.Bench);
      for (let k = 0; k < K; k++) observe(w, base + k, gap[base + k] + noise[k], sigma[Source.Bench]);
    }
    if ((m.seal && isMember) || inspectAll) {
      rng.normals(noise, INSPECTED.length, sigma, Source.Inspect);
      for (let t = 0; t < INSPECTED.length; t++) {
        const k = INSPECTED[t];
        observe(w, base + k, gap[base + k] + noise[t], sigma[Source.Inspect]);
      }
    }
    if ((m.tutelage && tutorLeft[i] > 0) || (m.buyerAudits && exported[i] > 0 && rng.bernoulli(p.auditRate))) {
      rng.normals(noise, K, sigma, Source.Audit);
      for (let k = 0; k < K; k++) observe(w, base + k, gap[base + k] + noise[k], sigma[Source.Audit]);
    }
    if (m.researchInstitute && w.researchInstitute > 0 && isMember) {
      rng.normals(noise, 1, sigma, Source.Research);
      observe(w, base + SANITARY, gap[base + SANITARY] + noise[0], sigma[Source.Research]);
    }
    if (consult && !foreign[i]) {
      rng.normals(noise, 2, sigma, Source.Consult);
      observe(w, base + CULTIVATION, gap[base + CULTIVATION] + noise[0], sigma[Source.Consult]);
      observe(w, base + SANITARY, gap[base + SANITARY] + noise[1], sigma[Source.Consult]);
    }
    if (w.outbreak > 0) {
      rng.normals(noise, 1, sigma, Source.Crisis);
      observe(w, base + SANITARY, gap[base + SANITARY] + noise[0], sigma[Source.Crisis]);
    }
  }
}

const INSPECTED = [SANITARY, PROCESSING, QUALITY];
