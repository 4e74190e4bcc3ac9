// Debian's Firefox ESR over WebDriver BiDi, with the Firefox build installed as a temporary add-on,
// as about:debugging installs it. Where Firefox differs from Chromium for the tests:
// - The toolbar button is pressed for real: Firefox's own code for the button (triggerAction, what
//   a click and the Alt+Shift+R shortcut run) is called in the browser's chrome scope, which
//   --remote-allow-system-access opens to the protocol. So the page gets activeTab, as on a click.
// - The background is an event page, not a service worker, and the protocol cannot run code in
//   it. Extension code runs in an extension page the session keeps open (a "console" tab), with
//   the same extension APIs; `clearpage.openReader(tab)` there calls the event page's own function.
// - The protocol refuses extension pages (moz-extension:) and the browser's own pages unless
//   Firefox is started with --remote-allow-system-access, and sends no load event for them:
//   navigation there is started without waiting, and bridge.mjs waits for the new document itself.
// - prefers-color-scheme has no protocol command in ESR 153: the content override preference,
//   set in the browser's own (chrome) scope, does the same, for every page at once.
import { puppeteer } from "./puppeteer.mjs";

export const ADDON_ID = "clearpage@self-hosted";
// The moz-extension:// host is random per install unless the profile fixes it.
const ADDON_UUID = "7c1f6e2a-3b8d-4f4a-9d55-c1ea2f0a9e11";
const COLOR_SCHEME = "layout.css.prefers-color-scheme.content-override";
const SCHEMES = { dark: 0, light: 1 };

// No network but loopback: every other host goes to a proxy that refuses at once (port 9, nothing
// listens), so a corpus page's third-party scripts and images fail fast instead of waiting; the
// image host goes to the static site, as Chromium's host rules map it.
function proxyScript(imageHost, sitePort) {
  return `function FindProxyForURL(url, host) {
    if (host === ${JSON.stringify(imageHost)}) return "PROXY 127.0.0.1:${sitePort}";
    if (host === "127.0.0.1" || host === "127.0.0.2" || host === "localhost") return "DIRECT";
    return "PROXY 127.0.0.1:9";
  }`;
}

export function preferences({ imageHost, sitePort }) {
  return {
    "extensions.webextensions.uuids": JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    // Optional permissions asked for with permissions.request() are granted without the doorhanger
    // (which a headless browser cannot show): the reader's "Allow" button is still what asks.
    "extensions.webextOptionalPermissionPrompts": false,
    "network.proxy.type": 2,
    "network.proxy.autoconfig_url": `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(proxyScript(imageHost, sitePort))}`,
    "network.proxy.allow_hijacking_localhost": false,
    "network.dns.disablePrefetch": true,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "browser.safebrowsing.update.enabled": false,
    "services.settings.server": "http://127.0.0.1:9/",
    // Extension pages are secure contexts, and Firefox loads the http images of secure pages over
    // https; the static site that stands in for the publishers' image hosts has no https.
    "security.mixed_content.upgrade_display_content": false,
    "intl.accept_languages": "en-US",
    "intl.locale.requested": "en-US",
    [COLOR_SCHEME]: SCHEMES.light,
    "ui.systemUsesDarkTheme": 0,
  };
}

export const firefox = {
  async launch({ extension, profile, sitePort, imageHost }) {
    const browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: "/usr/bin/firefox-esr",
      headless: true,
      userDataDir: profile,
      args: ["--remote-allow-system-access"],
      extraPrefsFirefox: preferences({ imageHost, sitePort }),
      defaultViewport: { width: 1280, height: 800 },
      env: { ...process.env, MOZ_HEADLESS: "1" },
    });
    const id = await browser.installExtension(extension);
    if (id !== ADDON_ID) throw new Error(`the add-on installed as ${id}, not ${ADDON_ID}`);
    const origin = `moz-extension://${ADDON_UUID}`;
    const navigate = (page, url) =>
      browser.connection.send("browsingContext.navigate", { context: page.mainFrame()._id, url, wait: "none" });
    const [console] = await browser.pages();
    await navigate(console, `${origin}/src/options/options.html`);
    await waitForExtensionApis(console);
    return {
      browser,
      origin,
      ownPages: [console],
      newPage: () => browser.newPage(),
      navigate,
      // The preference is the whole browser's, not the page's: a fresh test starts light again.
      emulateColorScheme: async (page, scheme) => {
        await setChromePreference(browser, COLOR_SCHEME, SCHEMES[scheme]);
        const applies = (wanted) => matchMedia(`(prefers-color-scheme: ${wanted})`).matches;
        for (let tries = 0; !(await page.evaluate(applies, scheme)); tries++) {
          if (tries > 100) throw new Error(`prefers-color-scheme is still not ${scheme}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      reset: () => setChromePreference(browser, COLOR_SCHEME, SCHEMES.light),
      // Firefox's own scope, where about:debugging and about:addons do their work.
      chromeEvaluate: (expression) => chromeEvaluate(browser, expression),
      pressToolbarButton: async (page) => {
        await page.bringToFront();
        return await chromeEvaluate(browser, `(() => {
          const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
          const { extension } = WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)});
          ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
          return gBrowser.selectedBrowser.currentURI.spec;
        })()`);
      },
      extensionEvaluate: (fn, argument) => console.evaluate(fn, argument),
    };
  },
};

async function waitForExtensionApis(page) {
  for (let tries = 0; tries < 200; tries++) {
    const ready = await page
      .evaluate(() => {
        if (typeof browser === "undefined" || !browser.runtime?.getBackgroundPage) return false;
        // What the tests call, as Chromium's service worker offers it: the event page's functions.
        globalThis.clearpage = {
          openReader: async (tab) => (await browser.runtime.getBackgroundPage()).clearpage.openReader(tab),
          openReadingList: async () => (await browser.runtime.getBackgroundPage()).clearpage.openReadingList(),
        };
        return true;
      })
      .catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the extension's console page never loaded");
}

/** Evaluate `expression` in the browser window's chrome scope; its value, if a string, number or boolean. */
async function chromeEvaluate(browser, expression) {
  const { result } = await browser.connection.send("browsingContext.getTree", { "moz:scope": "chrome" });
  const [window] = result.contexts;
  const { result: outcome } = await browser.connection.send("script.evaluate", {
    expression,
    target: { context: window.context },
    awaitPromise: true,
  });
  if (outcome.type === "exception") throw new Error(`${expression}: ${outcome.exceptionDetails.text}`);
  return outcome.result.value ?? null;
}

async function setChromePreference(browser, name, value) {
  await chromeEvaluate(browser, `Services.prefs.setIntPref(${JSON.stringify(name)}, ${Number(value)})`);
}
