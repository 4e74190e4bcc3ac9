// The tests' browser, driven by puppeteer-core and answering the Python tests (tests/e2e/driver.py)
// one JSON line per call on stdin/stdout:
//   node bridge.mjs chromium|firefox '{"extension": dir, "profile": dir, "sitePort": n}'
// prints {"ready": {...}} once the browser runs with the extension, then answers each
// {"id", "method", "params"} with {"id", "result"} or {"id", "error"}. What differs between the
// browsers is in chromium.mjs and firefox.mjs; everything here is the same for both.
import { createInterface } from "node:readline";

import { chromium } from "./chromium.mjs";
import { firefox } from "./firefox.mjs";
import { fillField, isNewDocument, markDocument, query } from "./in-page.mjs";

const BROWSERS = { chromium, firefox };
const POLL_MS = 50;

const [name, rawOptions] = process.argv.slice(2);
const quirks = BROWSERS[name];
if (!quirks) throw new Error(`bridge.mjs: no browser ${name}; choose from ${Object.keys(BROWSERS)}`);
const session = await quirks.launch(JSON.parse(rawOptions));
const { browser } = session;

// Pages by number, for the Python side; the session's own pages are never handed out.
const pages = new Map();
const numbers = new WeakMap();
const consoleMessages = new WeakMap();
let nextNumber = 1;

function numberOf(page) {
  if (!numbers.has(page)) {
    const number = nextNumber++;
    numbers.set(page, number);
    pages.set(number, page);
    consoleMessages.set(page, []);
    page.on("console", (message) => consoleMessages.get(page).push(message.text()));
    // An alert or confirm would block every script in the page until someone answers it.
    page.on("dialog", (dialog) => dialog.dismiss().catch(() => {}));
    page.on("close", () => pages.delete(number));
  }
  return numbers.get(page);
}

async function openPages() {
  const all = await browser.pages();
  return all.filter((page) => !session.ownPages.includes(page) && !page.isClosed());
}

function page(number) {
  const found = pages.get(number);
  if (!found) throw new Error(`page ${number} is closed`);
  return found;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Call `attempt` until it returns something other than undefined, or fail after `timeout` ms. */
async function poll(attempt, timeout, what) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error; // a page between two documents: try again
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what()}${last ? ` (${last.message})` : ""}`);
    await sleep(POLL_MS);
  }
}

// A script from the tests, as Playwright takes them: a function's source (called with the
// argument) or an expression or script (its value). Built here, not eval'd in the page: extension
// pages forbid eval, and a function's source reaches the page as a protocol call, outside its CSP.
function runnable(source, argumentCount = 1) {
  const parameters = ["__first", "__second"].slice(0, argumentCount);
  try {
    const body = `const value = (\n${source}\n);\nreturn typeof value === "function" ? value(${parameters}) : value;`;
    return new Function(...parameters, body);
  } catch {
    return source; // statements (a whole script): evaluated as a script, its last value returned
  }
}

function inPage(fn, extra = "") {
  return new Function("chain", "op", "argument", `${extra}\nreturn (${fn})(chain, op, argument);`);
}

const queryInPage = inPage(query);
const elementInPage = new Function("chain", `return (${query})(chain, "element").value;`);

async function locate(number, chain, op, argument) {
  return await page(number).evaluate(queryInPage, chain, op, argument ?? null);
}

/** The one element the chain finds, once it can be acted on (visible and enabled). */
async function actionable(number, chain, timeout, describe) {
  await poll(
    async () => {
      const { found, value } = await locate(number, chain, "actionable");
      if (found > 1) throw new Error(`${found} elements match ${describe}`);
      return found === 1 && value ? true : undefined;
    },
    timeout,
    () => `${describe} to be visible and enabled`,
  );
  const handle = await page(number).evaluateHandle(elementInPage, chain);
  return handle.asElement();
}

/** Run `navigate` and wait for a new document to have loaded, whatever its address. */
async function newDocument(number, navigate, timeout = 30_000) {
  const target = page(number);
  await target.evaluate(markDocument).catch(() => {});
  await navigate(target);
  return await poll(async () => (await target.evaluate(isNewDocument)) ?? undefined, timeout, () => "a new document");
}

function globToRegExp(pattern) {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

async function pressKeys(target, combination) {
  // "Control+V" holds Control while V is pressed; "+" alone is the plus key.
  const keys = combination === "+" ? ["+"] : combination.split("+");
  const key = keys.pop();
  for (const modifier of keys) await target.keyboard.down(modifier);
  await target.keyboard.press(key);
  for (const modifier of keys.reverse()) await target.keyboard.up(modifier);
}

const methods = {
  // --- the browser ---
  async newPage() {
    return numberOf(await session.newPage());
  },
  async pages() {
    return (await openPages()).map(numberOf);
  },
  async waitForNewPage({ known, timeout }) {
    return await poll(
      async () => (await openPages()).map(numberOf).find((number) => !known.includes(number)),
      timeout,
      () => "a new page",
    );
  },
  async resetEmulation() {
    await session.reset();
    return null;
  },
  async pressToolbarButton({ page: number }) {
    const url = await page(number)
      .evaluate(() => location.href)
      .catch(() => page(number).url());
    const pressedOn = await session.pressToolbarButton(page(number), url);
    if (pressedOn !== null && pressedOn !== url) {
      throw new Error(`the button was pressed on ${pressedOn}, not on the page at ${url}`);
    }
    return null;
  },
  async chromeEvaluate({ expression }) {
    if (!session.chromeEvaluate) throw new Error(`${name} has no chrome scope to evaluate in`);
    return await session.chromeEvaluate(expression);
  },
  async extensionEvaluate({ source, argument }) {
    return await session.extensionEvaluate(runnable(source), argument);
  },
  async close() {
    await browser.close();
    setTimeout(() => process.exit(0), 100);
    return null;
  },

  // --- a page ---
  async goto({ page: number, url }) {
    if (url.startsWith(session.origin) || !/^https?:/.test(url)) {
      return await newDocument(number, (target) => session.navigate(target, url));
    }
    try {
      await page(number).goto(url, { waitUntil: "load" });
    } catch (error) {
      // Firefox reports a navigation the page's own scripts start and fail (to a host that does
      // not resolve here) as the failure of ours, though the page has loaded: then carry on.
      const loaded = () => page(number).evaluate(() => document.readyState === "complete" && location.href);
      if ((await poll(async () => (await loaded()) || undefined, 5_000, () => url).catch(() => null)) !== url) throw error;
    }
    return null;
  },
  async reload({ page: number }) {
    return await newDocument(number, (target) => target.evaluate(() => setTimeout(() => location.reload())));
  },
  async goBack({ page: number }) {
    return await newDocument(number, (target) => target.evaluate(() => setTimeout(() => history.back())));
  },
  async goForward({ page: number }) {
    return await newDocument(number, (target) => target.evaluate(() => setTimeout(() => history.forward())));
  },
  async url({ page: number }) {
    // Firefox's protocol does not follow a tab onto an extension page: ask the document.
    return await page(number)
      .evaluate(() => location.href)
      .catch(() => page(number).url());
  },
  async title({ page: number }) {
    return await page(number).evaluate(() => document.title);
  },
  async closePage({ page: number }) {
    await page(number).close();
    return null;
  },
  async bringToFront({ page: number }) {
    await page(number).bringToFront();
    return null;
  },
  async evaluate({ page: number, source, argument }) {
    return await page(number).evaluate(runnable(source), argument ?? null);
  },
  async waitForFunction({ page: number, source, argument, timeout }) {
    const check = runnable(source);
    return await poll(
      async () => (await page(number).evaluate(check, argument ?? null)) || undefined,
      timeout,
      () => `${source} to be true`,
    );
  },
  async waitForUrl({ page: number, pattern, timeout }) {
    const wanted = globToRegExp(pattern);
    return await poll(
      async () => {
        const href = await page(number).evaluate(() => (document.readyState === "complete" ? location.href : ""));
        return wanted.test(href) ? href : undefined;
      },
      timeout,
      () => `the address ${pattern}`,
    );
  },
  async screenshot({ page: number }) {
    return Buffer.from(await page(number).screenshot({ type: "png" })).toString("base64");
  },
  async setViewport({ page: number, width, height }) {
    await page(number).setViewport({ width, height });
    return null;
  },
  async emulateColorScheme({ page: number, scheme }) {
    await session.emulateColorScheme(page(number), scheme);
    return null;
  },
  async press({ page: number, key }) {
    await pressKeys(page(number), key);
    return null;
  },
  async mouseMove({ page: number, x, y }) {
    await page(number).mouse.move(x, y);
    return null;
  },
  async mouseWheel({ page: number, deltaX, deltaY }) {
    await page(number).mouse.wheel({ deltaX, deltaY });
    return null;
  },
  async consoleMessages({ page: number }) {
    return consoleMessages.get(page(number));
  },

  // --- an element, by locator ---
  async query({ page: number, chain, op, argument, timeout, describe }) {
    if (!timeout) return (await locate(number, chain, op, argument)).value;
    return await poll(
      async () => {
        const { found, value } = await locate(number, chain, op, argument);
        if (found > 1) throw new Error(`${found} elements match ${describe}`);
        return found === 1 ? value : undefined;
      },
      timeout,
      () => describe,
    );
  },
  async waitFor({ page: number, chain, state, timeout, describe }) {
    return await poll(
      async () => ((await locate(number, chain, state)).value ? true : undefined),
      timeout,
      () => `${describe} to be ${state}`,
    );
  },
  async act({ page: number, chain, action, value, timeout, describe }) {
    const element = await actionable(number, chain, timeout, describe);
    const target = page(number);
    if (action === "click") await element.click();
    else if (action === "hover") await element.hover();
    else if (action === "focus") await element.focus();
    else if (action === "fill") await element.evaluate(fillField, value);
    else if (action === "select") await element.select(value);
    else if (action === "press") {
      await element.focus();
      await pressKeys(target, value);
    } else if (action === "check" || action === "uncheck") {
      if ((await element.evaluate((box) => box.checked)) !== (action === "check")) await element.click();
    } else if (action === "evaluate") {
      return await element.evaluate(runnable(value.source, 2), value.argument ?? null);
    } else throw new Error(`unknown action ${action}`);
    return null;
  },
};

const write = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
write({ ready: { origin: session.origin } });

// One call at a time, in order: the Python side waits for each answer.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on("line", (line) => {
  const { id, method, params } = JSON.parse(line);
  queue = queue.then(async () => {
    let timer;
    try {
      if (!methods[method]) throw new Error(`unknown method ${method}`);
      // No call hangs the tests: one the browser never answers fails after its own time and a margin.
      const limit = (params?.timeout || 30_000) + 15_000;
      const expired = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${method} had no answer from the browser in ${limit} ms`)), limit);
      });
      write({ id, result: (await Promise.race([methods[method](params ?? {}), expired])) ?? null });
    } catch (error) {
      write({ id, error: String(error?.stack ?? error) });
    } finally {
      clearTimeout(timer);
    }
  });
});
// The tests are done (or gone): close the browser once the last call has been answered.
process.stdin.on("end", () => queue.then(() => browser.close()).finally(() => process.exit(0)));
