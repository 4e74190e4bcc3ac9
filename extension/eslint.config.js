// Lint for the extension: ESLint's recommended rules, plus Mozilla's no-unsanitized, which
// refuses innerHTML, outerHTML, insertAdjacentHTML and document.write with anything but a literal.
import js from "@eslint/js";
import noUnsanitized from "eslint-plugin-no-unsanitized";
import globals from "globals";

export default [
  { ignores: ["dist/", "node_modules/"] },
  js.configs.recommended,
  noUnsanitized.configs.recommended,
  {
    files: ["src/**/*.js"],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    files: ["src/content/**/*.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["build.js", "tools/**/*.js", "test/**/*.js", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
];
