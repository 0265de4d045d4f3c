/**
 * Parameter values found by the seeded calibration search (`clusterlab calibrate <case> --write`,
 * src/model/calibrate.ts). Regenerate with that command; do not edit by hand.
 * tomato: clusterlab calibrate tomato --samples 240 --seeds 30; salmon: clusterlab calibrate salmon --samples 400 --seeds 12 (three rounds each).
 */
export const calibrated: Record<'tomato' | 'salmon', Record<string, number>> = {
  tomato: {
    'entry.demonstration': 0.6564,
    'entry.initialCapacity': 2199,
    'firm.growthMax': 0.4853,
    'entry.sites': 34.22,
    'suppliers.tonnesPerSupplier': 134.3,
    'suppliers.poachLoss': 0.1809,
    'market.worldMarketT': 148500,
    'market.reputationVolumeT': 4847,
    'association.quorum': 4,
    'state.knowledgeGain': 0.07892,
  },
  salmon: {
    'entry.demonstration': 1.952,
    'entry.initialCapacity': 65.52,
    'market.priceUSDperT': 2331,
    'entry.sites': 223.3,
    'state.spinoffRate': 0.5,
    'state.knowledgeGain': 0.07775,
    'market.accessShare': 0.09877,
    'market.worldGrowth': 0.1256,
    'association.quorum': 21,
  },
};
