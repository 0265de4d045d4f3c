import type { GroupPayload } from '../../src/views/payloads';

/**
 * Checks a group output's shape and names the first bad field. `mimes` are the member types the
 * group can render; an item's type must be one of them exactly (a string equal to one, so that
 * 'constructor' or '__proto__' never finds Object.prototype's members in a lookup table).
 */
export function checkGroupPayload(data: unknown, mimes: readonly string[]): GroupPayload {
  const p = data as GroupPayload;
  if (!p || typeof p !== 'object' || !Array.isArray(p.items)) throw new Error('group payload: items must be an array');
  p.items.forEach((item, k) => {
    if (!item || typeof item.mime !== 'string' || !mimes.includes(item.mime)) {
      throw new Error(`group payload: items[${k}].mime must be one of ${mimes.join(', ')}, got ${String(item?.mime)}`);
    }
  });
  return p;
}
