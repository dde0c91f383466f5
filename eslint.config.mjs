// ESLint for our own scripts (tests/test_javascript.py runs it; `npx eslint` by hand).
// Snowball's stemmers are generated (overrides/assets/javascripts/snowball/) and not linted.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: [".venv/", "node_modules/", "site/", "build/", "test-results/", "returnguide.egg-info/", "overrides/assets/javascripts/snowball/"] },
  js.configs.recommended,
  {
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: { "no-unused-vars": ["error", { args: "after-used" }], eqeqeq: "error", "prefer-const": "error" },
  },
  {
    files: ["overrides/admin/*.js"],  // classic scripts beside the web editor's program
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
    rules: { eqeqeq: "error", "prefer-const": "error" },
  },
  {
    files: ["overrides/sw.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.serviceworker } },
    rules: { eqeqeq: "error", "prefer-const": "error" },
  },
  {
    files: ["tests/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
