import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  ArrayIsArray,
  ArrayPrototypeConcat,
  ArrayPrototypeSlice,
  BufferFrom,
  BufferPrototypeEquals,
  BufferPrototypeToString,
  DatePrototypeToISOString,
  JSONParse,
  JSONStringify,
  SetPrototypeAdd,
  SetPrototypeDelete,
  SetPrototypeHas,
} from './intrinsics';

/**
 * The Jupyter wire format (messaging protocol 5.3): identities, the `<IDS|MSG>` delimiter, an HMAC
 * signature, then header, parent header, metadata and content as JSON, then raw buffers.
 */
export const PROTOCOL_VERSION = '5.3';
const DELIMITER = Buffer.from('<IDS|MSG>');

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
  subshell_id?: string | null;
}

export interface Message<Content = any> {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Content;
  buffers: Buffer[];
}

/** Raised for frames that are not a valid, correctly signed message; the caller drops them. */
export class WireError extends Error {
  override name = 'WireError';
}

export class Signer {
  private readonly algorithm: string | null;
  constructor(
    scheme: string,
    private readonly key: string,
  ) {
    if (!key) {
      this.algorithm = null;
      return;
    }
    const match = /^hmac-(sha256|sha512|sha384|sha1|md5)$/.exec(scheme || 'hmac-sha256');
    if (!match) throw new WireError(`signature_scheme must be hmac-sha256 (or another hmac-*), got '${scheme}'`);
    this.algorithm = match[1];
  }

  get signs(): boolean {
    return this.algorithm !== null;
  }

  sign(parts: Buffer[]): string {
    if (!this.algorithm) return '';
    const hmac = createHmac(this.algorithm, this.key);
    for (let i = 0; i < parts.length; i++) hmac.update(parts[i]);
    return hmac.digest('hex');
  }

  /** Constant-time comparison, so a forger learns nothing from how long a rejection takes. */
  verify(signature: Buffer, parts: Buffer[]): boolean {
    if (!this.algorithm) return true;
    const expected = BufferFrom(this.sign(parts), 'latin1');
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}

/** How many signatures a kernel remembers (ipykernel's `digest_history_size`). */
export const REPLAY_MEMORY = 1 << 16;

/**
 * A bounded record of the signatures of messages already accepted: a signed message sent again
 * (replayed by whoever captured it) is dropped, as ipykernel's Session does. When full, the
 * oldest signatures are forgotten first.
 */
export class ReplayGuard {
  private readonly seen = new Set<string>();
  private order: string[] = [];
  private oldest = 0;
  constructor(private readonly capacity = REPLAY_MEMORY) {}

  /** Records `signature`; false when it was seen before (a replay). */
  accept(signature: Buffer): boolean {
    const key = BufferPrototypeToString(signature, 'latin1');
    if (SetPrototypeHas(this.seen, key)) return false;
    SetPrototypeAdd(this.seen, key);
    this.order[this.order.length] = key;
    if (this.order.length - this.oldest > this.capacity) {
      SetPrototypeDelete(this.seen, this.order[this.oldest]);
      this.order[this.oldest++] = '';
      if (this.oldest > this.capacity) {
        this.order = ArrayPrototypeSlice(this.order, this.oldest);
        this.oldest = 0;
      }
    }
    return true;
  }
}

function parseJson(frame: Buffer, what: string): any {
  try {
    const value = JSONParse(BufferPrototypeToString(frame, 'utf8'));
    if (value === null || typeof value !== 'object' || ArrayIsArray(value)) throw new Error('not an object');
    return value;
  } catch (error) {
    throw new WireError(`${what} is not a JSON object: ${(error as Error).message}`);
  }
}

/** Where the `<IDS|MSG>` delimiter is, or -1. */
function delimiterAt(frames: Buffer[]): number {
  for (let i = 0; i < frames.length; i++) if (BufferPrototypeEquals(frames[i], DELIMITER)) return i;
  return -1;
}

/** The HMAC signature frame of a message (what replay protection remembers), or null. */
export function signatureOf(frames: Buffer[]): Buffer | null {
  const at = delimiterAt(frames);
  return at < 0 || at + 1 >= frames.length ? null : frames[at + 1];
}

/** @param replays when given, a correctly signed message whose signature it has seen is refused */
export function decode(frames: Buffer[], signer: Signer, replays?: ReplayGuard): Message {
  const at = delimiterAt(frames);
  if (at < 0) throw new WireError('no <IDS|MSG> delimiter');
  if (frames.length < at + 6) throw new WireError(`expected 5 frames after the delimiter, got ${frames.length - at - 1}`);
  const signature = frames[at + 1];
  const header = frames[at + 2];
  const parent = frames[at + 3];
  const metadata = frames[at + 4];
  const content = frames[at + 5];
  if (!signer.verify(signature, [header, parent, metadata, content])) throw new WireError('bad HMAC signature');
  // Without a key nothing is signed: there is no signature to tell a replay by.
  if (replays && signer.signs && !replays.accept(signature)) throw new WireError('duplicate signature: a replayed message');
  const decoded: Message = {
    identities: ArrayPrototypeSlice(frames, 0, at),
    header: parseJson(header, 'header'),
    parent_header: parseJson(parent, 'parent_header'),
    metadata: parseJson(metadata, 'metadata'),
    content: parseJson(content, 'content'),
    buffers: ArrayPrototypeSlice(frames, at + 6),
  };
  if (typeof decoded.header.msg_type !== 'string' || !decoded.header.msg_type) {
    throw new WireError('header.msg_type must be a non-empty string');
  }
  return decoded;
}

export function encode(message: Message, signer: Signer): Buffer[] {
  const json = (part: unknown) => BufferFrom(JSONStringify(part ?? {}), 'utf8');
  const parts = [json(message.header), json(message.parent_header), json(message.metadata), json(message.content)];
  return ArrayPrototypeConcat(message.identities, [DELIMITER, BufferFrom(signer.sign(parts), 'latin1')], parts, message.buffers);
}

export function newHeader(msgType: string, session: string, username = 'clusterlab'): Header {
  return {
    msg_id: randomUUID(),
    session,
    username,
    date: DatePrototypeToISOString(new Date()),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/** A message answering or caused by `parent`; replies carry the parent's identities back. */
export function childMessage<C>(parent: Message | null, msgType: string, content: C, session: string, identities: Buffer[] = []): Message<C> {
  return {
    identities,
    header: newHeader(msgType, session, parent?.header.username),
    parent_header: parent ? parent.header : {},
    metadata: {},
    content,
    buffers: [],
  };
}
