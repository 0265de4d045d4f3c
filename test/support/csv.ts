/**
 * Reads the CLI's CSV as pandas (`comment='#'`) or R (`comment.char = '#'`) would: the leading
 * `# ` lines apart, then RFC 4180 records (quoted cells may hold commas, quotes and newlines).
 * Rows are returned as parsed, so that a test can check the column count of each.
 */
export interface CsvText {
  comments: string[];
  header: string[];
  rows: string[][];
}

export function readCsv(text: string): CsvText {
  const lines = text.split('\n');
  const comments: string[] = [];
  while (lines.length > 0 && lines[0].startsWith('#')) comments.push(lines.shift()!);
  // pandas' comment='#' cuts a line at any '#', not only at its start: the data must hold none.
  const cut = lines.find((l) => l.includes('#'));
  if (cut !== undefined) throw new Error(`csv: a data line holds '#', which pandas (comment='#') would cut: ${cut}`);
  const records = parseRecords(lines.join('\n'));
  if (records.length === 0) throw new Error('csv: no header after the comment lines');
  return { comments, header: records[0], rows: records.slice(1) };
}

function parseRecords(body: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw new Error('csv: a quoted cell is not closed');
  // The text ends with a newline, which closes the last record; anything after it is one more.
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

/** A row as an object keyed by the header. */
export function rowObjects({ header, rows }: CsvText): Record<string, string>[] {
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** A JSON value as the CSV writes it (csvCell): numbers in full, NaN/null as empty, booleans as true/false. */
export function asCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return String(v);
}
