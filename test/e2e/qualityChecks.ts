/**
 * The checks quality.e2e.test.ts runs on every view: boxes wider than themselves, an
 * accessibility scan (axe-core), the keyboard's tab order and focus ring, and the time
 * from a click in the rail to the view's heading on screen. Each returns what it found,
 * so a test can report every problem of a view at once.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * The functions below run in the page, as tsx compiled them: esbuild wraps named inner
 * functions in a `__name` helper that the page lacks, so the context gets one that does nothing.
 */
export async function allowCompiledFunctions(context: BrowserContext): Promise<void> {
  await context.addInitScript('globalThis.__name = (f) => f;');
}

/**
 * Boxes whose content is wider than they are: panels, cards, tables, forms, fieldsets and
 * the page's sections. A box that scrolls sideways on purpose (overflow-x auto or scroll)
 * is allowed, and so is text cut with an ellipsis; a box with overflow hidden that cuts
 * anything else is reported. Also reports a document that scrolls sideways, and any of the
 * `whole` boxes (scroll containers that should not need to) that does.
 */
export function overflowingBoxes(page: Page, whole: string[] = []): Promise<string[]> {
  return page.evaluate((whole) => {
    const BOXES = [
      'main', 'main section', 'main article', 'main aside', 'main header', 'main form', 'main fieldset', 'main table',
      'main .card', 'main [class*="panel"]', 'main [class*="card"]', 'main [role="tabpanel"]', 'main [role="region"]',
      'main [role="dialog"]', 'main dialog', 'main dl', 'main figure', 'nav.rail',
    ].join(', ');
    const name = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const testId = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls}${testId ? `[data-testid=${testId}]` : ''}`;
    };
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth} px`);
    for (const el of document.querySelectorAll<HTMLElement>(BOXES)) {
      if (el.getClientRects().length === 0 || el.clientWidth === 0) continue;
      const style = getComputedStyle(el);
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      if (style.textOverflow === 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)}: content ${el.scrollWidth} px in a box of ${el.clientWidth} px`);
    }
    for (const selector of whole) {
      const el = document.querySelector(selector);
      if (!el) problems.push(`${selector} is not on the page`);
      else if (el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} scrolls sideways: ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
    return problems;
  }, whole);
}

/** Boxes that scroll sideways on purpose and do scroll at this width (reported, not failed). */
export function scrollingBoxes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main *')]
      .filter((el) => {
        const x = getComputedStyle(el).overflowX;
        return (x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')} ${el.scrollWidth}/${el.clientWidth} px`),
  );
}

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Rules switched off for one element each, with why; the scan excludes those elements for that rule only. */
export interface AxeException {
  rule: string;
  selector: string;
  reason: string;
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page, exceptions: AxeException[] = []): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).analyze();
  const findings: AxeFinding[] = [];
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const targets = v.nodes
      .map((n) => n.target.map(String).join(' '))
      .filter((target) => !exceptions.some((e) => e.rule === v.id && target.includes(e.selector)));
    if (targets.length) findings.push({ rule: v.id, impact: v.impact, help: v.help, targets });
  }
  return findings;
}

export interface TabWalk {
  /** Focusable controls the Tab key never reached. */
  unreached: string[];
  /** Controls reached whose outline and box-shadow (and their label's) look the same focused and not. */
  noVisibleFocus: string[];
  /** How many stops the walk made before it came round to the first again. */
  stops: number;
  controls: number;
}

/**
 * Tabs through the whole page and compares the stops with the controls that should be
 * reachable: links, buttons, inputs, selects, textareas, summaries and [tabindex] ≥ 0
 * that are rendered and enabled (one radio per group: the checked one, else the first).
 * At each stop the focused element's outline and box-shadow (and those of its label or
 * parent, where a visually hidden input shows its focus) are compared with the same
 * element's at rest. Transitions are switched off so the focused style is read at once.
 */
export async function walkTabOrder(page: Page): Promise<TabWalk> {
  // Nothing focused while the styles at rest are read (a hash change keeps the focus of the view before).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const controls = await page.evaluate(markControls);
  await page.evaluate(() => window.scrollTo(0, 0));
  let stops = 0;
  const limit = controls + 40;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    stops++;
    if (i > 2 && i % 8 === 0 && (await page.evaluate(() => (window as unknown as { __qaWrapped: boolean }).__qaWrapped))) break;
  }
  const result = await page.evaluate(() => {
    const w = window as unknown as { __qaSeen: Map<number, boolean>; __qaWhy: Map<number, string>; __qaOff: () => void };
    w.__qaOff();
    const unreached: string[] = [];
    const noVisibleFocus: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-qa-control]')) {
      const n = Number(el.dataset.qaControl);
      const label = el.dataset.qaName ?? '';
      if (!w.__qaSeen.has(n)) unreached.push(label);
      else if (!w.__qaSeen.get(n)) noVisibleFocus.push(`${label} (${w.__qaWhy.get(n)})`);
      el.removeAttribute('data-qa-control');
      el.removeAttribute('data-qa-name');
    }
    return { unreached, noVisibleFocus };
  });
  return { ...result, stops, controls };
}

/** In the page: numbers the controls, records their styles at rest, and listens for focus. Returns how many. */
function markControls(): number {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.append(style);
  const SELECTOR = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const radioGroups = new Set<string>();
  const describe = (el: HTMLElement): string => {
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 40);
    const id = el.id ? `#${el.id}` : '';
    const type = el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : '';
    return `${el.tagName.toLowerCase()}${id}${type} "${labelled || text}"`;
  };
  const looks = (el: Element | null): string => {
    if (!el) return '';
    const s = getComputedStyle(el);
    return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
  };
  const carriers = (el: HTMLElement): Element[] => [el, (el as HTMLInputElement).labels?.[0], el.parentElement].filter((x): x is HTMLElement => x != null);
  const atRest = new Map<Element, string>();
  let n = 0;
  for (const el of document.querySelectorAll<HTMLElement>(SELECTOR)) {
    const tabindex = el.getAttribute('tabindex');
    if (tabindex != null && Number(tabindex) < 0) continue;
    if ((el as HTMLButtonElement).disabled || el.closest('[inert], fieldset:disabled')) continue;
    if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
    if (el instanceof HTMLAnchorElement && !el.hasAttribute('href') && tabindex == null) continue;
    if (el.tagName === 'SUMMARY' && el.parentElement?.querySelector(':scope > summary') !== el) continue;
    // checkVisibility: not display:none, not in a closed <details> (content-visibility: hidden), not visibility: hidden.
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
      const key = `${el.form?.id ?? ''}/${el.name}`;
      if (radioGroups.has(key)) continue;
      const group = [...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]`)].filter((r) => !r.disabled);
      const stop = group.find((r) => r.checked) ?? group[0];
      if (stop !== el) continue;
      radioGroups.add(key);
    }
    el.dataset.qaControl = String(n++);
    el.dataset.qaName = describe(el);
    for (const c of carriers(el)) if (!atRest.has(c)) atRest.set(c, looks(c));
  }
  const seen = new Map<number, boolean>();
  let first: Element | null = null;
  const why = new Map<number, string>();
  const w = window as unknown as { __qaSeen: Map<number, boolean>; __qaWhy: Map<number, string>; __qaWrapped: boolean; __qaOff: () => void };
  w.__qaSeen = seen;
  w.__qaWhy = why;
  w.__qaWrapped = false;
  const onFocus = (e: FocusEvent): void => {
    const el = e.target as HTMLElement;
    if (first === el) w.__qaWrapped = true;
    first ??= el;
    if (!el.dataset?.qaControl) return;
    const n = Number(el.dataset.qaControl);
    const visible = el.matches(':focus-visible') && carriers(el).some((c) => looks(c) !== (atRest.get(c) ?? looks(null)));
    if (!visible) why.set(n, `:focus-visible ${el.matches(':focus-visible')}; at rest ${atRest.get(el)}; focused ${looks(el)}`);
    seen.set(n, visible || (seen.get(n) ?? false));
  };
  document.addEventListener('focusin', onFocus);
  w.__qaOff = () => {
    document.removeEventListener('focusin', onFocus);
    style.remove();
  };
  return n;
}

/**
 * Clicks a rail link in the page and times, with the page's clock, how long until an h1
 * with `heading` is in the document and laid out, and then until the frame that shows it
 * has been painted (a requestAnimationFrame, then a task after it). With `content`, also
 * the time until its selector matches a laid-out element (whose text matches `text`, a
 * regular expression's source, where given).
 */
export function timeFirstPaint(page: Page, link: string, heading: string, content?: { selector: string; text?: string }): Promise<{ heading: number; content: number | null }> {
  return page.evaluate(
    async ({ link, heading, content }) => {
      const a = [...document.querySelectorAll<HTMLAnchorElement>('nav a')].find((x) => x.textContent?.trim() === link);
      if (!a) throw new Error(`No rail link "${link}"`);
      const shown = (selector: string, text?: RegExp): boolean =>
        [...document.querySelectorAll(selector)].some((el) => el.getClientRects().length > 0 && (text == null || text.test(el.textContent?.trim() ?? '')));
      const painted = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const until = async (test: () => boolean): Promise<void> => {
        const deadline = performance.now() + 15_000;
        while (!test()) {
          if (performance.now() > deadline) throw new Error(`"${link}" did not show ${heading} in 15 s`);
          await new Promise((r) => requestAnimationFrame(r));
        }
      };
      const t0 = performance.now();
      a.click();
      const exactly = new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      await until(() => shown('main h1', exactly));
      await painted();
      const headingMs = performance.now() - t0;
      if (!content) return { heading: headingMs, content: null };
      const text = content.text == null ? undefined : new RegExp(content.text);
      await until(() => shown(content.selector, text));
      await painted();
      return { heading: headingMs, content: performance.now() - t0 };
    },
    { link, heading, content },
  );
}
