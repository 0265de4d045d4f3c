/**
 * Maps positions in a cell's compiled JavaScript back to the cell's own lines, from the source map
 * the compiler emits with it, so that a runtime traceback points at what the user wrote.
 */

/** For each generated line, its segments as [generated column, source line, source column] (0-based). */
export type LineSegments = number[][][];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes a source map's `mappings` (Base64 VLQ, fields relative to the previous segment). */
export function decodeMappings(mappings: string): LineSegments {
  const lines: LineSegments = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const line of mappings.split(';')) {
    const segments: number[][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const c of segment) {
        const digit = DIGIT.get(c);
        if (digit === undefined) throw new Error(`source map: bad character ${JSON.stringify(c)} in mappings`);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length >= 4) {
        sourceLine += fields[2];
        sourceColumn += fields[3];
        segments.push([column, sourceLine, sourceColumn]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * The source position (1-based line and column) of a generated one, or null when the generated
 * line has no mapping (code the compiler added, such as export bookkeeping).
 */
export function originalPosition(lines: LineSegments, line: number, column: number): { line: number; column: number } | null {
  const segments = lines[line - 1];
  if (!segments || segments.length === 0) return null;
  // The segment that starts at or before the column: the compiler maps every token, but the
  // code between two starts may be rewritten (`f` read as `exports.f`), so no offset is added.
  let best = segments[0];
  for (const s of segments) {
    if (s[0] > column - 1) break;
    best = s;
  }
  return { line: best[1] + 1, column: best[2] + 1 };
}
