/**
 * Parameter values found by the seeded calibration search (`clusterlab calibrate <case>`,
 * src/model/calibrate.ts). Regenerate with that command; do not edit by hand.
 */
export const calibrated: Record<'tomato' | 'salmon', Record<string, number>> = {
  tomato: {},
  salmon: {},
};
