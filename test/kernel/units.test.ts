import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePackageEntry } from '../../dist/kernel/esm';
import { History } from '../../dist/kernel/history';
import { parsePagerRequest } from '../../dist/kernel/pager';
import { decodeMappings, originalPosition } from '../../dist/kernel/sourcemap';
import { codePointToIndex, indexToCodePoint } from '../../dist/kernel/unicode';
import { childMessage, decode, encode, Signer, WireError } from '../../dist/kernel/wire';

const home = mkdtempSync(join(tmpdir(), 'clusterlab-units-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('wire format', () => {
  const signer = new Signer('hmac-sha256', 'secret');

  it('round-trips a signed message with identities and buffers', () => {
    const message = childMessage(null, 'execute_request', { code: '1+1' }, 'session-1', [Buffer.from('client')]);
    message.buffers = [Buffer.from([1, 2, 3])];
    const back = decode(encode(message, signer), signer);
    expect(back.identities).toEqual([Buffer.from('client')]);
    expect(back.header).toEqual(message.header);
    expect(back.content).toEqual({ code: '1+1' });
    expect(back.buffers).toEqual([Buffer.from([1, 2, 3])]);
  });

  it('rejects a wrong key, a tampered body, a missing delimiter and non-JSON frames', () => {
    const frames = encode(childMessage(null, 'kernel_info_request', {}, 's'), signer);
    expect(() => decode(frames, new Signer('hmac-sha256', 'other'))).toThrow(/bad HMAC signature/);
    const tampered = frames.slice();
    tampered[tampered.length - 1] = Buffer.from('{"code":"evil"}');
    expect(() => decode(tampered, signer)).toThrow(WireError);
    expect(() => decode([Buffer.from('x')], signer)).toThrow(/delimiter/);
    const unsigned = new Signer('hmac-sha256', '');
    const garbage = [Buffer.from('<IDS|MSG>'), Buffer.from(''), Buffer.from('{'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')];
    expect(() => decode(garbage, unsigned)).toThrow(/header is not a JSON object/);
    expect(() => new Signer('rot13', 'k')).toThrow(/signature_scheme/);
  });
});

describe('history', () => {
  it('numbers sessions after the file, and answers tail, range and glob search', () => {
    const file = join(home, 'history.jsonl');
    writeFileSync(file, '{"session":4,"line":1,"input":"1+2","output":"3"}\nnot json\n');
    const h = new History(file, () => undefined);
    expect(h.session).toBe(5);
    h.append(1, 'const a = 1', null);
    h.append(2, '1+2', '3');
    expect(h.query({ hist_access_type: 'tail', n: 2 })).toEqual([
      [5, 1, 'const a = 1'],
      [5, 2, '1+2'],
    ]);
    expect(h.query({ hist_access_type: 'range', session: 0, start: 2, stop: 3, output: true })).toEqual([[5, 2, ['1+2', '3']]]);
    expect(h.query({ hist_access_type: 'range', session: -1 })).toEqual([[4, 1, '1+2']]);
    expect(h.query({ hist_access_type: 'search', pattern: '1?2' })).toHaveLength(2);
    expect(h.query({ hist_access_type: 'search', pattern: '1?2', unique: true })).toEqual([[5, 2, '1+2']]);
    expect(h.query({ hist_access_type: 'search', pattern: 'const*' })).toEqual([[5, 1, 'const a = 1']]);
    expect(new History(file, () => undefined).session).toBe(6);
  });
});

describe('cursor positions and ES module resolution', () => {
  it('converts between code points and UTF-16 indices', () => {
    const text = 'a😀b';
    expect(codePointToIndex(text, 2)).toBe(3);
    expect(indexToCodePoint(text, 3)).toBe(2);
  });

  it('finds the import entry of an exports map, searching node_modules upwards', () => {
    const pkg = join(home, 'node_modules', 'esm-pkg');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ exports: { '.': { import: './m.js', require: './c.cjs' }, './sub': './sub.js' } }));
    expect(resolvePackageEntry('esm-pkg', join(home, 'deep', 'er'))).toBe(join(pkg, 'm.js'));
    expect(resolvePackageEntry('esm-pkg/sub', home)).toBe(join(pkg, 'sub.js'));
    expect(resolvePackageEntry('absent-pkg', home)).toBeNull();
  });
});

describe('source maps and the pager', () => {
  it('decodes VLQ mappings and maps a generated position to the segment at or before it', () => {
    // Line 1 unmapped; line 2: col 0 -> source 0:0, col 4 -> source 2:2 (relative fields, "E" = 2).
    const lines = decodeMappings(';AAAA,IAEE;');
    expect(lines).toEqual([
      [],
      [
        [0, 0, 0],
        [4, 2, 2],
      ],
      [],
    ]);
    expect(originalPosition(lines, 2, 7)).toEqual({ line: 3, column: 3 });
    expect(originalPosition(lines, 2, 2)).toEqual({ line: 1, column: 1 });
    expect(originalPosition(lines, 1, 1)).toBeNull();
    expect(() => decodeMappings('A!')).toThrow(/bad character/);
  });

  it("recognises IPython's name? and name?? and nothing else", () => {
    expect(parsePagerRequest('simulate?')).toEqual({ name: 'simulate', detail: 0 });
    expect(parsePagerRequest('  Math . max ??\n')).toEqual({ name: 'Math.max', detail: 1 });
    expect(parsePagerRequest('?facts')).toEqual({ name: 'facts', detail: 0 });
    expect(parsePagerRequest('a ?? b')).toBeNull();
    expect(parsePagerRequest('x?.y')).toBeNull();
    expect(parsePagerRequest('f()?')).toBeNull();
  });
});
