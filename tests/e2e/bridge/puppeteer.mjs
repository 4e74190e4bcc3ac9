// puppeteer-core, as pinned in extension/package.json (and installed by scripts/extension-deps):
// the tests have no node_modules of their own.
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../extension/package.json", import.meta.url));

export const puppeteer = require("puppeteer-core");
