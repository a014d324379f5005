// @ts-check
/**
 * ESLint, run by `npm test` (`npm run lint`). typescript-eslint's recommended rules for all
 * TypeScript, react-hooks for the pane's components and hooks, jsx-a11y for what the pane
 * renders. Every rule turned off or changed below says why.
 */
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `_`-prefixed parameters and caught errors are deliberately unused (a callback's shape, a refusal we only need to catch).
const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }];

export default tseslint.config(
  {
    ignores: ['dist/**', 'coverage/**', 'test-results/**', 'bench/.cache/**', 'node_modules/**', 'test/schemas/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, Office: 'readonly', Excel: 'readonly', OfficeExtension: 'readonly' } },
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    // The emulated Excel implements @types/office-js's classes, which type cell values (values,
    // formulas, numberFormat) as any[][]: the emulator keeps Microsoft's signatures.
    files: ['src/emulator/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests build deliberately malformed inputs (a rule set whose weight is text, an object
    // standing in for `window`) that a precise type would forbid.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/playground/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
    },
  },
  {
    // The playground page renders a workbook that lives outside React (the emulated Excel the
    // pane changes through Excel.run): it compares it with what it last showed during render
    // (refs) and starts over when a new workbook arrives (state set in an effect). A page for
    // trying the add-in, never shipped to users.
    files: ['src/playground/Playground.tsx'],
    rules: { 'react-hooks/refs': 'off', 'react-hooks/set-state-in-effect': 'off' },
  },
  {
    // Build scripts and configuration run in node; webpack.config.js and *.cjs are CommonJS,
    // where require() is how modules are loaded.
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-unused-vars': unusedVars, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Runs in the playground's pane page (a browser), before the bundle.
    files: ['src/playground/office-shim.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
