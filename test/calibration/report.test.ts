// The plain-text tables the CLI prints: words read from the left, numbers line up on the right.
import { describe, expect, it } from 'vitest';
import { textTable } from '../../dist/src/calibration/report';

describe('textTable', () => {
  it('aligns columns of words to the left and columns of numbers to the right', () => {
    const text = textTable(
      ['id', 'measure', 'baseline', 'verdict'],
      [
        ['H1', 'take-off: first year a firm is export-ready', '1978', 'supported'],
        ['H2b', 'mean capability in 2000', '0.7843', 'inconclusive'],
        ['H3', 'exports', 'not produced', 'contradicted'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'id   measure                                          baseline  verdict',
      'H1   take-off: first year a firm is export-ready          1978  supported',
      'H2b  mean capability in 2000                            0.7843  inconclusive',
      'H3   exports                                      not produced  contradicted',
    ]);
  });
});
