/**
 * Parameter values found by the seeded calibration search (`clusterlab calibrate <case> --write`,
 * src/model/calibrate.ts). Regenerate with that command; do not edit by hand.
 * Search: 300 + 150 points, 10 seeds per point.
 */
export const calibrated: Record<'tomato' | 'salmon', Record<string, number>> = {
  tomato: {
    'entry.demonstration': 1.891,
    'entry.initialCapacity': 4317,
    'firm.growthMax': 0.2129,
    'entry.sites': 29.52,
    'suppliers.tonnesPerSupplier': 84.22,
    'market.worldMarketT': 274700,
    'market.reputationVolumeT': 17750,
    'association.quorum': 3,
    'state.knowledgeGain': 0.06704,
  },
  salmon: {
    'entry.demonstration': 2.468,
    'entry.initialCapacity': 87.1,
    'market.priceUSDperT': 2078,
    'entry.sites': 220,
    'state.spinoffRate': 0.4071,
    'state.knowledgeGain': 0.07914,
    'market.accessShare': 0.1191,
    'market.worldGrowth': 0.1102,
    'association.quorum': 21,
  },
};
