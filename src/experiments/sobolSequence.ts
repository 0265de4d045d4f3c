/**
 * Sobol low-discrepancy sequences (Sobol 1967) with the direction numbers of Joe and Kuo (2008),
 * file new-joe-kuo-6.21201, which give good two-dimensional projections. Points come in Gray-code
 * order (Antonov and Saltykov 1979), as in Joe and Kuo's generator and scipy's unscrambled Sobol:
 * point i is point i-1 XOR one direction number, so a point costs one XOR per dimension.
 */

/**
 * Joe and Kuo (2008), new-joe-kuo-6.21201 (the authors' file, read from a public copy of its first
 * rows), dimensions 2..129: for each, the degree s of its primitive
 * polynomial, the polynomial's inner coefficients a (bits, highest degree first) and the initial
 * direction numbers m_1..m_s. Dimension 1 is the van der Corput sequence (all m = 1). Checked when
 * typed in: every polynomial x^s + ... + 1 built from (s, a) is primitive over GF(2), every m_k is
 * odd and below 2^k (test/experiments/sobolSequence.test.ts checks the same, and the first points).
 */
// biome-ignore format: a compact table, one row per dimension
const JOE_KUO: readonly string[] = [
  '1 0 1', '2 1 1 3', '3 1 1 3 1', '3 2 1 1 1', '4 1 1 1 3 3', '4 4 1 3 5 13', '5 2 1 1 5 5 17',
  '5 4 1 1 5 5 5', '5 7 1 1 7 11 19', '5 11 1 1 5 1 1', '5 13 1 1 1 3 11', '5 14 1 3 5 5 31',
  '6 1 1 3 3 9 7 49', '6 13 1 1 1 15 21 21', '6 16 1 3 1 13 27 49', '6 19 1 1 1 15 7 5',
  '6 22 1 3 1 15 13 25', '6 25 1 1 5 5 19 61', '7 1 1 3 7 11 23 15 103', '7 4 1 3 7 13 13 15 69',
  '7 7 1 1 3 13 7 35 63', '7 8 1 3 5 9 1 25 53', '7 14 1 3 1 13 9 35 107', '7 19 1 3 1 5 27 61 31',
  '7 21 1 1 5 11 19 41 61', '7 28 1 3 5 3 3 13 69', '7 31 1 1 7 13 1 19 1', '7 32 1 3 7 5 13 19 59',
  '7 37 1 1 3 9 25 29 41', '7 41 1 3 5 13 23 1 55', '7 42 1 3 7 3 13 59 17', '7 50 1 3 1 3 5 53 69',
  '7 55 1 1 5 5 23 33 13', '7 56 1 1 7 7 1 61 123', '7 59 1 1 7 9 13 61 49', '7 62 1 3 3 5 3 55 33',
  '8 14 1 3 1 15 31 13 49 245', '8 21 1 3 5 15 31 59 63 97', '8 22 1 3 1 11 11 11 77 249',
  '8 38 1 3 1 11 27 43 71 9', '8 47 1 1 7 15 21 11 81 45', '8 49 1 3 7 3 25 31 65 79',
  '8 50 1 3 1 1 19 11 3 205', '8 52 1 1 5 9 19 21 29 157', '8 56 1 3 7 11 1 33 89 185',
  '8 67 1 3 3 3 15 9 79 71', '8 70 1 3 7 11 15 39 119 27', '8 84 1 1 3 1 11 31 97 225',
  '8 97 1 1 1 3 23 43 57 177', '8 103 1 3 7 7 17 17 37 71', '8 115 1 3 1 5 27 63 123 213',
  '8 122 1 1 3 5 11 43 53 133', '9 8 1 3 5 5 29 17 47 173 479', '9 13 1 3 3 11 3 1 109 9 69',
  '9 16 1 1 1 5 17 39 23 5 343', '9 22 1 3 1 5 25 15 31 103 499', '9 25 1 1 1 11 11 17 63 105 183',
  '9 44 1 1 5 11 9 29 97 231 363', '9 47 1 1 5 15 19 45 41 7 383', '9 52 1 3 7 7 31 19 83 137 221',
  '9 55 1 1 1 3 23 15 111 223 83', '9 59 1 1 5 13 31 15 55 25 161', '9 62 1 1 3 13 25 47 39 87 257',
  '9 67 1 1 1 11 21 53 125 249 293', '9 74 1 1 7 11 11 7 57 79 323', '9 81 1 1 5 5 17 13 81 3 131',
  '9 82 1 1 7 13 23 7 65 251 475', '9 87 1 3 5 1 9 43 3 149 11', '9 91 1 1 3 13 31 13 13 255 487',
  '9 94 1 3 3 1 5 63 89 91 127', '9 103 1 1 3 3 1 19 123 127 237', '9 104 1 1 5 7 23 31 37 243 289',
  '9 109 1 1 5 11 17 53 117 183 491', '9 122 1 1 1 5 1 13 13 209 345', '9 124 1 1 3 15 1 57 115 7 33',
  '9 137 1 3 1 11 7 43 81 207 175', '9 138 1 3 1 1 15 27 63 255 49', '9 143 1 3 5 3 27 61 105 171 305',
  '9 145 1 1 5 3 1 3 57 249 149', '9 152 1 1 3 5 5 57 15 13 159', '9 157 1 1 1 11 7 11 105 141 225',
  '9 167 1 3 3 5 27 59 121 101 271', '9 173 1 3 5 9 11 49 51 59 115', '9 176 1 1 7 1 23 45 125 71 419',
  '9 181 1 1 3 5 23 5 105 109 75', '9 182 1 1 7 15 7 11 67 121 453', '9 185 1 3 7 3 9 13 31 27 449',
  '9 191 1 3 1 15 19 39 39 89 15', '9 194 1 1 1 1 1 33 73 145 379', '9 199 1 3 1 15 15 43 29 13 483',
  '9 218 1 1 7 3 19 27 85 131 431', '9 220 1 3 3 3 5 35 23 195 349', '9 227 1 3 3 7 9 27 39 59 297',
  '9 229 1 1 3 9 11 17 13 241 157', '9 230 1 3 7 15 25 57 33 189 213', '9 234 1 1 7 1 9 55 73 83 217',
  '9 236 1 3 3 13 19 27 23 113 249', '9 241 1 3 5 3 23 43 3 253 479', '9 244 1 1 5 5 11 5 45 117 217',
  '9 253 1 3 3 7 29 37 33 123 147', '10 4 1 3 1 15 5 5 37 227 223 459', '10 13 1 1 7 5 5 39 63 255 135 487',
  '10 19 1 3 1 7 9 7 87 249 217 599', '10 22 1 1 3 13 9 47 7 225 363 247', '10 50 1 3 7 13 19 13 9 67 9 737',
  '10 55 1 3 5 5 19 59 7 41 319 677', '10 64 1 1 5 3 31 63 15 43 207 789',
  '10 69 1 1 7 9 13 39 3 47 497 169', '10 98 1 3 1 7 21 17 97 19 415 905',
  '10 107 1 3 7 1 3 31 71 111 165 127', '10 115 1 1 5 11 1 61 83 119 203 847',
  '10 121 1 3 3 13 9 61 19 97 47 35', '10 127 1 1 7 7 15 29 63 95 417 469',
  '10 134 1 3 1 9 25 9 71 57 213 385', '10 140 1 3 5 13 31 47 101 57 39 341',
  '10 145 1 1 3 3 31 57 125 173 365 551', '10 152 1 3 7 1 13 57 67 157 451 707',
  '10 158 1 1 1 7 21 13 105 89 429 965', '10 161 1 1 5 9 17 51 45 119 157 141',
  '10 171 1 3 7 7 13 45 91 9 129 741', '10 181 1 3 7 1 23 57 67 141 151 571',
  '10 194 1 1 3 11 17 47 93 107 375 157', '10 199 1 3 3 5 11 21 43 51 169 915',
  '10 203 1 1 5 3 15 55 101 67 455 625', '10 208 1 3 5 9 1 23 29 47 345 595',
  '10 227 1 3 7 7 5 49 29 155 323 589', '10 242 1 3 3 7 5 41 127 61 261 717',
  '10 251 1 3 7 7 17 23 117 67 129 1009',
];

/** Dimensions this table supports (the first, plus one per row). */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;

/** Direction numbers kept as 32-bit integers: up to 2^32 points per dimension. */
const BITS = 32;

/** Degree, polynomial bits and initial direction numbers of dimension `d` (0-based, d >= 1). */
export function joeKuoRow(d: number): { s: number; a: number; m: number[] } {
  const [s, a, ...m] = JOE_KUO[d - 1].split(' ').map(Number);
  return { s, a, m };
}

const directionCache: Uint32Array[] = [];

/**
 * The 32 direction numbers v_k = m_k / 2^k of dimension `d` (0-based), scaled by 2^32, from the
 * recurrence of Bratley and Fox (1988): m_k = 2a_1 m_{k-1} ^ 4a_2 m_{k-2} ^ ... ^ 2^s m_{k-s} ^ m_{k-s}.
 */
export function directionNumbers(d: number): Uint32Array {
  const cached = directionCache[d];
  if (cached) return cached;
  const v = new Uint32Array(BITS);
  if (d === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
  } else {
    const { s, a, m } = joeKuoRow(d);
    for (let k = 0; k < Math.min(s, BITS); k++) v[k] = m[k] * 2 ** (BITS - 1 - k);
    for (let k = s; k < BITS; k++) {
      let x = v[k - s] ^ (v[k - s] >>> s);
      for (let j = 1; j < s; j++) if ((a >>> (s - 1 - j)) & 1) x ^= v[k - j];
      v[k] = x >>> 0;
    }
  }
  directionCache[d] = v;
  return v;
}

function checkSobolArgs(count: number, dimensions: number, skip: number): void {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(`sobol: dimensions must be an integer in 1..${SOBOL_MAX_DIMENSIONS} (the Joe-Kuo table typed in here), got ${dimensions}`);
  }
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`sobol: count must be an integer >= 1, got ${count}`);
  if (!Number.isInteger(skip) || skip < 0) throw new RangeError(`sobol: skip must be an integer >= 0, got ${skip}`);
  if (count + skip > 2 ** BITS) throw new RangeError(`sobol: at most 2^${BITS} points, asked for ${count + skip}`);
}

/**
 * `count` points of the `dimensions`-dimensional Sobol sequence after skipping the first `skip`,
 * row-major in one Float64Array (point i, dimension j at [i * dimensions + j]), in [0, 1).
 * The first point (without skip) is the origin; runs of 2^m points from index 0 are (t, m, s)-nets.
 */
export function sobolPoints(count: number, dimensions: number, skip = 0): Float64Array {
  checkSobolArgs(count, dimensions, skip);
  const v: Uint32Array[] = [];
  for (let d = 0; d < dimensions; d++) v.push(directionNumbers(d));
  // State at index `skip`: XOR of the direction numbers of the set bits of its Gray code.
  const x = new Uint32Array(dimensions);
  const gray = skip ^ Math.floor(skip / 2);
  for (let k = 0; k < BITS; k++) {
    if (Math.floor(gray / 2 ** k) % 2 === 1) for (let d = 0; d < dimensions; d++) x[d] ^= v[d][k];
  }
  const out = new Float64Array(count * dimensions);
  const scale = 2 ** -BITS;
  for (let i = 0; ; i++) {
    for (let d = 0; d < dimensions; d++) out[i * dimensions + d] = x[d] * scale;
    if (i === count - 1) break;
    // The next point flips the direction number of the lowest zero bit of the current index.
    const index = skip + i;
    let c = 0;
    let rest = index;
    while (rest % 2 === 1) {
      rest = Math.floor(rest / 2);
      c++;
    }
    for (let d = 0; d < dimensions; d++) x[d] ^= v[d][c];
  }
  return out;
}
