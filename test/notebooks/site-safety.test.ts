/**
 * Nothing runs that should not: the static site escapes notebook file names wherever they appear
 * and sanitises the HTML in markdown, as JupyterLab does for untrusted output, while the HTML our
 * own notebooks really use comes through unchanged. The hostile pages are also opened in Chromium,
 * whose own parser must find no script, no handler and no dangerous link, and no payload may fire.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown, writeSite } from '../../dist/reproduce/site';
import { isSafeUrl, sanitizeHtml } from '../../dist/reproduce/sanitize';
import type { Notebook } from '../../dist/reproduce/notebook';
import { skipUnless } from '../support/requirements';
import { ROOT } from '../support/run-command';
import { CHROMIUM, openBrowser, type BrowserSession } from '../browser/support/browser';

const HOSTILE_NAME = 'z" autofocus onfocus="alert(1)" x="';

/** Markdown and raw HTML that ran script somewhere (OWASP's filter-evasion list, DOMPurify's mXSS cases, our own probe). */
const HOSTILE_MARKDOWN = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="x" ONERROR="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="jav&#x61;script:alert(1)">entity</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal</a>',
  '<a href="java\tscript:alert(1)">tab</a>',
  '<a href="javascript&colon;alert(1)">named</a>',
  '<a href=" JaVaScRiPt:alert(1)">case</a>',
  '[md link](javascript:alert(1))',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="data:text/html,<script>alert(1)</script>">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<svg onload=alert(1)><circle r="5"/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<details open ontoggle=alert(1)><summary>s</summary></details>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<scr<script>ipt>alert(1)</script>',
  '<p title="</p><img src=x onerror=alert(1)>">quoted</p>',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<div onmouseover="alert(1)" id="clusterlab">clobber</div>',
  '<a href="https://example.org" onclick="alert(1)">kept link, no handler</a>',
  '<style>body { display: none }</style>',
  '<div style="position:fixed;top:0;left:0;width:100%;height:100%">cover</div>',
  '<a href="https://example.org">unclosed link swallowing the page',
  '<div>unclosed div',
];

function notebook(markdown: string[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: 'markdown', metadata: {}, source: '# Hostile' },
      ...markdown.map((source) => ({ cell_type: 'markdown' as const, metadata: {}, source })),
      {
        cell_type: 'code',
        metadata: {},
        source: 'x',
        execution_count: 1,
        outputs: [{ output_type: 'display_data', data: { 'text/markdown': HOSTILE_MARKDOWN.join('\n\n') }, metadata: {} }],
      },
    ],
  };
}

describe('static site: file names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlab-site-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('escapes a hostile notebook name in href attributes and text', () => {
    writeSite(dir, [
      { name: HOSTILE_NAME, notebook: notebook([]) },
      { name: 'javascript:alert(1)', notebook: notebook([]) },
      { name: '01-plain', notebook: notebook([]) },
    ]);
    for (const file of ['index.html', `${HOSTILE_NAME}.html`]) {
      const html = readFileSync(join(dir, file), 'utf8');
      expect(html).not.toContain('" autofocus');
      expect(html).not.toContain('onfocus="');
      expect(html).toContain('href="z%22%20autofocus%20onfocus%3D%22alert(1)%22%20x%3D%22.html"');
      expect(html).toContain('z&quot; autofocus onfocus=&quot;alert(1)&quot; x=&quot;');
      expect(html).toContain('href="javascript%3Aalert(1).html"');
      expect(html).toContain('href="01-plain.html"');
    }
  });
});

describe('static site: markdown', () => {
  it.each(HOSTILE_MARKDOWN)('keeps nothing that runs from %s', (source) => {
    // Attribute values are text: what matters is the markup around them.
    const html = renderMarkdown(source).replace(/"[^"]*"/g, '""');
    expect(html).not.toMatch(/<(script|iframe|object|embed|form|svg|math|style|base|meta|link|input|body|textarea|noscript)\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(renderMarkdown(source)).not.toMatch(/(href|src)="\s*(javascript|data:text|data:image\/svg)/i);
    expect(renderMarkdown(source)).not.toMatch(/style="[^"]*(url|position)/i);
    expect(html).not.toMatch(/\sid=/);
  });

  it('balances what it keeps, so an unclosed tag cannot swallow the rest of the page', () => {
    expect(renderMarkdown('<a href="https://example.org">open')).toBe('<p><a href="https://example.org">open</a></p>\n');
    expect(sanitizeHtml('<div><b>x</div>y</b>')).toBe('<div><b>x</b></div>y');
  });

  it('keeps ordinary HTML in markdown: emphasis, sub- and superscripts, images, links, details, tables, colours', () => {
    const legit = [
      '<b>bold</b> <i>it</i> <sub>2</sub> <sup>3</sup> <br> <kbd>Ctrl</kbd>',
      '<img src="figure.png" alt="a figure" width="200">',
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">',
      '<a href="https://doi.org/10.1016/j.worlddev.2005.02.003" title="paper">Perez-Aleman (2005)</a>',
      '<a href="02-salmon.ipynb#results">next</a> <a href="mailto:someone@example.org">mail</a>',
      '<details><summary>More</summary>\n\nhidden *text*\n\n</details>',
      '<span style="color: #b00">red</span>',
      '<table><tr><th colspan="2">h</th></tr><tr><td>1</td><td>2</td></tr></table>',
    ];
    for (const source of legit) {
      const raw = new MarkdownIt({ html: true }).render(source);
      expect(renderMarkdown(source)).toBe(raw);
    }
  });

  it("renders every markdown cell of the project's notebooks exactly as before sanitising", () => {
    const plain = new MarkdownIt({ html: true, linkify: false, typographer: false });
    let cells = 0;
    for (const file of readdirSync(join(ROOT, 'notebooks')).filter((f) => f.endsWith('.ipynb'))) {
      const nb = JSON.parse(readFileSync(join(ROOT, 'notebooks', file), 'utf8')) as Notebook;
      for (const cell of nb.cells) {
        if (cell.cell_type !== 'markdown') continue;
        const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
        const html = plain.render(source);
        expect(sanitizeHtml(html)).toBe(html);
        cells++;
      }
    }
    expect(cells).toBeGreaterThan(20);
  });

  it('judges URLs by scheme after the browser would have decoded and stripped them', () => {
    expect(isSafeUrl('page.html#x', false)).toBe(true);
    expect(isSafeUrl('HTTPS://example.org', false)).toBe(true);
    expect(isSafeUrl('java\nscript:alert(1)', false)).toBe(false);
    expect(isSafeUrl('vbscript:x', false)).toBe(false);
    expect(isSafeUrl('data:image/png;base64,AAAA', false)).toBe(false);
    expect(isSafeUrl('data:image/png;base64,AAAA', true)).toBe(true);
    expect(isSafeUrl('data:image/svg+xml;base64,AAAA', true)).toBe(false);
  });
});

describe.skipIf(skipUnless({ executables: [CHROMIUM] }))('static site in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlab-site-hostile-'));
  let browser: BrowserSession;
  beforeAll(async () => {
    writeSite(dir, [{ name: HOSTILE_NAME, notebook: notebook(HOSTILE_MARKDOWN) }]);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['index.html', `${HOSTILE_NAME}.html`])('%s runs no payload and holds no script, handler or dangerous link', async (file) => {
    const { page } = browser;
    const dialogs: string[] = [];
    const onDialog = (dialog: { message(): string; dismiss(): Promise<void> }) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    };
    page.on('dialog', onDialog);
    try {
      await page.goto(pathToFileURL(join(dir, file)).href);
      // Give autofocus, image errors and toggles their turn, and hover and focus everything.
      await page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll('*'))) {
          (el as HTMLElement).focus?.();
          el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        }
      });
      await page.waitForTimeout(500);
      const found = await page.evaluate(() => {
        const all = Array.from(document.querySelectorAll('*'));
        return {
          scripts: Array.from(document.scripts).map((s) => s.src.split('/').pop() || (s.textContent ?? '').trim()),
          handlers: all.flatMap((el) =>
            Array.from(el.attributes)
              .filter((a) => /^on/i.test(a.name))
              .map((a) => `${el.tagName} ${a.name}`),
          ),
          links: Array.from(document.querySelectorAll('[href],[src],[action]')).map(
            (el) => (el as HTMLAnchorElement).href || (el as HTMLImageElement).src || (el.getAttribute('action') ?? ''),
          ),
          frames: document.querySelectorAll('iframe,object,embed,form,base,meta[http-equiv]').length,
        };
      });
      expect(dialogs).toEqual([]);
      expect(found.handlers).toEqual([]);
      expect(found.frames).toBe(0);
      for (const link of found.links) expect(link).toMatch(/^(file:|https:|mailto:|data:image\/png)/);
      for (const script of found.scripts) expect(['clusterlab-views.js', 'if (window.clusterlab) clusterlab.renderAll();']).toContain(script);
    } finally {
      page.off('dialog', onDialog);
    }
  });
});
