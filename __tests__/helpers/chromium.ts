/**
 * Debian's Chromium, headless, for tests that look at what GitHub would draw (the comment's Mermaid
 * chart, rendered by the real mermaid library). Where no Chromium is installed those tests are
 * skipped with a note, except in CI (CI=true), where that is a failure (.ci/run installs it).
 */
import { describe, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.STAGEGATE_CHROMIUM || '/usr/bin/chromium';
const MERMAID = join(import.meta.dirname, '..', '..', 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

export function describeWithChromium(name: string, fn: () => void): void {
  const problem = !existsSync(CHROMIUM)
    ? `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`
    : !existsSync(MERMAID)
      ? `mermaid is not installed (${MERMAID})`
      : undefined;
  if (!problem) return describe(name, fn);
  if (process.env.CI === 'true') {
    describe(name, () =>
      it('needs Chromium and mermaid (CI must have them)', () => {
        throw new Error(problem);
      }),
    );
    return;
  }
  console.warn(`SKIPPED ${name}: ${problem}`);
  describe.skip(name, fn);
}

export interface MermaidPage {
  /** Renders Mermaid text with mermaid.render, puts the SVG in the page, and returns it. */
  render(text: string): Promise<string>;
  page: Page;
  close(): Promise<void>;
}

/** A local page that loads mermaid.min.js, in a headless Chromium with a new, empty profile. */
export async function openMermaidPage(): Promise<MermaidPage> {
  const script = readFileSync(MERMAID);
  const server: Server = createServer((req, res) => {
    if (req.url === '/mermaid.min.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end(script);
      return;
    }
    res.setHeader('content-type', 'text/html');
    res.end(
      '<!doctype html><html><body><div id="out"></div><script src="/mermaid.min.js"></script></body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const profile = mkdtempSync(join(tmpdir(), 'stagegate-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction("'mermaid' in window");
    const opened = context;
    return {
      page,
      // Browser-side code as text: this project's TypeScript has no DOM types.
      render: (text) =>
        page.evaluate(
          `(async (t) => {
            mermaid.initialize({ startOnLoad: false });
            const { svg } = await mermaid.render('chart' + Date.now(), t);
            document.getElementById('out').innerHTML = svg;
            return svg;
          })(${JSON.stringify(text)})`,
        ) as Promise<string>,
      close: async () => {
        await opened.close();
        server.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context?.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}
