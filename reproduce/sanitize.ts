/**
 * An HTML sanitiser for the static site's markdown, in the spirit of what JupyterLab does to
 * untrusted output: the HTML is read by a small tokenizer and written again keeping only an
 * allow-list of tags and attributes. Scripts, styles, frames, objects, embeds, forms and their
 * kind are dropped (script-like ones with their content), as are event handlers (`on*`), URLs that
 * are not http(s), mailto or relative (images may also be inline PNG, GIF, JPEG or WebP), and style
 * attributes that could load or position anything. Unknown tags are dropped but their text kept;
 * tags are balanced, so a stray `<div>` or `<a>` cannot swallow the rest of the page.
 */

const VOID = new Set(['br', 'hr', 'img', 'col', 'wbr']);

/** Global attributes every allowed tag may keep. */
const GLOBAL_ATTRIBUTES = ['title', 'lang', 'dir', 'class', 'style', 'align'];

const TAGS = new Map<string, string[]>(
  Object.entries({
    a: ['href'],
    abbr: [],
    b: [],
    blockquote: ['cite'],
    br: [],
    caption: [],
    cite: [],
    code: [],
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
    dd: [],
    del: ['cite'],
    details: ['open'],
    dfn: [],
    div: [],
    dl: [],
    dt: [],
    em: [],
    figcaption: [],
    figure: [],
    h1: [],
    h2: [],
    h3: [],
    h4: [],
    h5: [],
    h6: [],
    hr: [],
    i: [],
    img: ['src', 'alt', 'width', 'height'],
    ins: ['cite'],
    kbd: [],
    li: ['value'],
    mark: [],
    ol: ['start', 'type', 'reversed'],
    p: [],
    pre: [],
    q: ['cite'],
    s: [],
    samp: [],
    small: [],
    span: [],
    strike: [],
    strong: [],
    sub: [],
    summary: [],
    sup: [],
    table: [],
    tbody: [],
    td: ['colspan', 'rowspan'],
    tfoot: [],
    th: ['colspan', 'rowspan', 'scope'],
    thead: [],
    tr: [],
    u: [],
    ul: [],
    var: [],
    wbr: [],
  }),
);

/** Dropped together with everything up to their end tag (browsers read their content as raw text, or it runs). */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'textarea',
  'title',
  'xmp',
  'svg',
  'math',
  'select',
  'applet',
]);

const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);

/** Character references that matter for judging a URL; others are left for the browser and make a URL suspect. */
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  num: '#',
  quest: '?',
  period: '.',
  lpar: '(',
  rpar: ')',
};

function decodeReferences(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    const known = NAMED_REFERENCES[ref.toLowerCase()];
    return known !== undefined ? known : whole;
  });
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A URL the page may follow or load: relative, http(s) or mailto; for images also inline raster data. */
export function isSafeUrl(raw: string, forImage: boolean): boolean {
  // Browsers ignore these inside a scheme ("java\tscript:"), so they are ignored here too.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what is being removed
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (/&[a-zA-Z]+;?/.test(url)) return false;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (!scheme) return true;
  const name = scheme[1].toLowerCase();
  if (name === 'http' || name === 'https' || name === 'mailto') return true;
  return forImage && /^data:image\/(png|gif|jpeg|webp);base64,[A-Za-z0-9+/=]*$/i.test(url);
}

/** Inline style without ways to load things, run things or cover the page. */
function isSafeStyle(style: string): boolean {
  return !/url\s*\(|expression|javascript|behaviou?r|binding|@import|\\|position|<|>/i.test(style);
}

interface Tag {
  name: string;
  closing: boolean;
  attributes: [string, string | null][];
  end: number;
}

/** Reads the tag starting at `start` (a '<'), or null when it is not a well-formed tag. */
function readTag(html: string, start: number): Tag | null {
  const head = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(html.slice(start, start + 64));
  if (!head) return null;
  const tag: Tag = { name: head[2].toLowerCase(), closing: head[1] === '/', attributes: [], end: -1 };
  let i = start + head[0].length;
  const attribute = /[\s/]*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?|[\s/]*(>)/y;
  while (i < html.length) {
    attribute.lastIndex = i;
    const m = attribute.exec(html);
    if (!m) return null;
    i = attribute.lastIndex;
    if (m[5]) {
      tag.end = i;
      return tag;
    }
    tag.attributes.push([m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? null]);
  }
  return null;
}

function cleanAttributes(tag: Tag): string {
  const allowed = TAGS.get(tag.name) ?? [];
  let out = '';
  const seen = new Set<string>();
  for (const [name, raw] of tag.attributes) {
    if (seen.has(name) || !(GLOBAL_ATTRIBUTES.includes(name) || allowed.includes(name))) continue;
    const value = decodeReferences(raw ?? '');
    if (URL_ATTRIBUTES.has(name) && !isSafeUrl(value, tag.name === 'img' && name === 'src')) continue;
    if (name === 'style' && !isSafeStyle(value)) continue;
    seen.add(name);
    out += raw === null ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
  }
  return out;
}

/** The allowed part of `html`, balanced and with every other `<` escaped. */
export function sanitizeHtml(html: string): string {
  let out = '';
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      out += '&lt;';
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (DROP_WITH_CONTENT.has(tag.name)) {
      if (!tag.closing) {
        const close = new RegExp(`</${tag.name}[\\s/>]`, 'ig');
        close.lastIndex = i;
        const m = close.exec(html);
        const end = m ? html.indexOf('>', m.index) : -1;
        i = end < 0 ? html.length : end + 1;
      }
      continue;
    }
    if (!TAGS.has(tag.name)) continue;
    if (tag.closing) {
      const at = open.lastIndexOf(tag.name);
      if (at < 0) continue;
      while (open.length > at) out += `</${open.pop()}>`;
      continue;
    }
    out += `<${tag.name}${cleanAttributes(tag)}>`;
    if (!VOID.has(tag.name)) open.push(tag.name);
  }
  while (open.length) out += `</${open.pop()}>`;
  return out;
}
