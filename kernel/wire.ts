import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

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

  sign(parts: Buffer[]): string {
    if (!this.algorithm) return '';
    const hmac = createHmac(this.algorithm, this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest('hex');
  }

  /** Constant-time comparison, so a forger learns nothing from how long a rejection takes. */
  verify(signature: Buffer, parts: Buffer[]): boolean {
    if (!this.algorithm) return true;
    const expected = Buffer.from(this.sign(parts), 'latin1');
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}

function parseJson(frame: Buffer, what: string): any {
  try {
    const value = JSON.parse(frame.toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch (error) {
    throw new WireError(`${what} is not a JSON object: ${(error as Error).message}`);
  }
}

export function decode(frames: Buffer[], signer: Signer): Message {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0) throw new WireError('no <IDS|MSG> delimiter');
  if (frames.length < at + 6) throw new WireError(`expected 5 frames after the delimiter, got ${frames.length - at - 1}`);
  const [signature, header, parent, metadata, content] = frames.slice(at + 1, at + 6);
  if (!signer.verify(signature, [header, parent, metadata, content])) throw new WireError('bad HMAC signature');
  const decoded: Message = {
    identities: frames.slice(0, at),
    header: parseJson(header, 'header'),
    parent_header: parseJson(parent, 'parent_header'),
    metadata: parseJson(metadata, 'metadata'),
    content: parseJson(content, 'content'),
    buffers: frames.slice(at + 6),
  };
  if (typeof decoded.header.msg_type !== 'string' || !decoded.header.msg_type) {
    throw new WireError('header.msg_type must be a non-empty string');
  }
  return decoded;
}

export function encode(message: Message, signer: Signer): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((p) =>
    Buffer.from(JSON.stringify(p ?? {}), 'utf8'),
  );
  return [...message.identities, DELIMITER, Buffer.from(signer.sign(parts), 'latin1'), ...parts, ...message.buffers];
}

export function newHeader(msgType: string, session: string, username = 'clusterlab'): Header {
  return {
    msg_id: randomUUID(),
    session,
    username,
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/** A message answering or caused by `parent`; replies carry the parent's identities back. */
export function childMessage<C>(
  parent: Message | null,
  msgType: string,
  content: C,
  session: string,
  identities: Buffer[] = [],
): Message<C> {
  return {
    identities,
    header: newHeader(msgType, session, parent?.header.username),
    parent_header: parent ? parent.header : {},
    metadata: {},
    content,
    buffers: [],
  };
}
