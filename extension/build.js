// Build the unpacked extension for each browser into dist/<browser>/, and with --pack also a zip
// per store (dist/clearpage-<browser>-<version>.zip, made by web-ext).
//   node build.js                 both browsers
//   node build.js chrome --pack   one browser, packed
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { BROWSERS, mergeManifest } from "./tools/manifest.js";

const root = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const pack = args.includes("--pack");
const chosen = args.filter((arg) => !arg.startsWith("--"));
const unknown = chosen.filter((name) => !BROWSERS.includes(name));
if (unknown.length) {
  console.error(`build.js: unknown browser ${unknown.join(", ")}; choose from ${BROWSERS.join(", ")}`);
  process.exit(2);
}

const readJson = (name) => JSON.parse(readFileSync(join(root, name), "utf8"));
const base = readJson("manifest.base.json");

for (const browser of chosen.length ? chosen : BROWSERS) {
  const out = join(root, "dist", browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest = mergeManifest(base, readJson(`manifest.${browser}.json`));
  writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  cpSync(join(root, "src"), join(out, "src"), { recursive: true });
  cpSync(join(root, "icons"), join(out, "icons"), { recursive: true, filter: (path) => !path.endsWith(".svg") });
  console.log(`built dist/${browser}/`);
  if (pack) {
    const filename = `clearpage-${browser}-${manifest.version}.zip`;
    const webExt = join(root, "node_modules", ".bin", "web-ext");
    execFileSync(
      webExt,
      ["build", "--source-dir", out, "--artifacts-dir", join(root, "dist"), "--filename", filename, "--overwrite-dest"],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    console.log(`packed dist/${filename}`);
  }
}
