// The layering lives here: the engine and protocol never import vscode; only the runtime's ort*
// modules import onnxruntime-node or onnxruntime-web; webviews import neither.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'The engine and protocol must not depend on VS Code.' };
const noOrt = { name: 'onnxruntime-node', message: 'Only src/engine/runtime/ort*.ts may import onnxruntime-node.' };
const noOrtWeb = { name: 'onnxruntime-web', message: 'Only src/engine/runtime/ort*.ts may import onnxruntime-web.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/protocol/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts'],
    ignores: ['src/engine/runtime/ort*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, noOrt, noOrtWeb] }] },
  },
  {
    files: ['src/engine/runtime/ort*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    // The protocol owns the types it carries: the engine and host import them from it, never the reverse.
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode, noOrt],
          patterns: [
            { group: ['**/engine/**', '**/host/**'], message: 'src/protocol must not import the engine or host.' },
          ],
        },
      ],
    },
  },
  {
    // The CLI runs the engine from a terminal: nothing of the VS Code host.
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode, noOrt, noOrtWeb],
          patterns: [{ group: ['**/host/**'], message: 'The CLI must not import the host.' }],
        },
      ],
    },
  },
  {
    files: ['src/host/**/*.ts', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noOrt, noOrtWeb] }] },
  },
  {
    // Webviews see only what the protocol carries: helpers both sides need live in src/protocol.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode, noOrt, noOrtWeb],
          patterns: [
            { group: ['node:*'], message: 'Webviews run in a browser: no Node modules.' },
            {
              group: ['**/src/engine/**', '**/src/host/**'],
              message: 'Webviews import only src/protocol and webview code; move shared helpers into src/protocol.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,cjs}', 'test/**/*.{js,mjs,cjs}', 'esbuild.mjs', 'eslint.config.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        setImmediate: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
