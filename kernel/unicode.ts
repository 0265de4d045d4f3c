/**
 * Jupyter counts cursor positions in Unicode code points (protocol 5.2+); JavaScript strings
 * index UTF-16 code units. They differ once a cell contains emoji or other astral characters.
 */
export function codePointToIndex(text: string, codePoints: number): number {
  let index = 0;
  for (let seen = 0; seen < codePoints && index < text.length; seen++) {
    const code = text.codePointAt(index)!;
    index += code > 0xffff ? 2 : 1;
  }
  return index;
}

export function indexToCodePoint(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}
