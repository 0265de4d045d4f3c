/**
 * Investment and exit. Profitable firms expand capacity out of margins (foreign-owned ones faster,
 * with a parent's capital); loss-making ones shrink, and exit once accumulated losses pass a limit.
 * A state loan carries an entrant's losses for its first years (Section 3.2, the CORFO loan behind
 * the first commercial farm); the state carries its own pilot firm until privatisation.
 */
import { removeFirm } from '../firmLife';
import type { World } from '../world';

export function investAndExit(w: World): void {
  const p = w.params;
  const fp = p.firm;
  const f = w.firms;
  const fc = f.cols;
  const P = p.market.priceUSDperT;
  const rng = w.rng.growth;
  for (let i = 0; i < f.end; i++) {
    if (!f.alive[i]) continue;
    const age = w.year - fc.born[i];
    const mg = fc.margin[i];
    const shock = fp.growthNoise > 0 ? Math.exp(rng.normal(0, fp.growthNoise) - 0.5 * fp.growthNoise * fp.growthNoise) : 1;
    if (fc.statePilot[i]) {
      // The state keeps its pilot running at the scale it was built for.
    } else if (mg > 0) {
      const g = Math.min(fp.growthMax, mg) + (fc.foreign[i] ? fp.foreignGrowthBonus : 0);
      fc.capacity[i] *= (1 + g) * shock;
    } else {
      fc.capacity[i] *= Math.max(0.75, 1 + 0.5 * mg);
    }
    if (p.mechanisms.stateFinance && age === p.state.loanYears) {
      w.network.endEdgeBetween(w.stateNode, fc.node[i], 'finance', w.year);
    }
    if (fc.statePilot[i]) continue;
    const carried = p.mechanisms.stateFinance && age < p.state.loanYears;
    if (!carried && fc.cash[i] < -fp.exitLoss * fc.capacity[i] * P) {
      removeFirm(w, i);
    }
  }
}
