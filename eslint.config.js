import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folders say where code runs (docs/architecture.md); these rules keep each folder to what runs there. */
const TFJS = { group: ['@tensorflow/*'], message: 'TensorFlow.js runs in the training worker only (src/engine, src/worker).' };
const ENGINE = {
  group: ['**/engine', '**/engine/**'],
  message: 'The engine runs in the training worker: talk to it through the protocol (src/shared/protocol.ts).',
};
const PAGE = { group: ['**/page', '**/page/**', '**/App', '**/main'], message: 'Page code (React, stores) runs on the main thread only.' };
const REACT = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'recharts'], message: 'React and its stores belong to the page.' };
const WORKER = { group: ['**/worker', '**/worker/**'], message: 'The page starts the workers by URL in its bridge (src/page/bridge), never imports them.' };
const ENGINE_IO = { group: ['**/worker', '**/worker/**'], message: 'The engine gets its I/O injected by the worker shell (src/worker).' };
const LOOP_TFJS = { group: ['@tensorflow/*'], message: 'The loop runs without tfjs: what needs it comes in as services (src/engine/loop/services.ts).' };
const BRIDGE = {
  group: ['**/bridge', '**/bridge/**'],
  message: 'Only the actions (src/page/actions) talk to the workers: call an action, never the bridge.',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist', 'dist-sub', 'dist-reference', 'node_modules', 'public', 'test-results', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/page/**', 'src/App.tsx', 'src/main.tsx'], rules: restrict(TFJS, ENGINE, WORKER, BRIDGE) },
  { files: ['src/page/actions/**', 'src/page/bridge/**'], rules: restrict(TFJS, ENGINE, WORKER) },
  {
    files: ['src/shared/**'],
    rules: restrict(TFJS, ENGINE, PAGE, REACT, {
      group: ['**/worker', '**/worker/**'],
      message: 'Shared code is imported by the workers, not the other way round.',
    }),
  },
  {
    files: ['src/engine/**'],
    rules: restrict(PAGE, REACT, ENGINE_IO),
  },
  // The loop is plain TypeScript (the 2D lab is to run on it too) and knows tasks only as plug-ins.
  {
    files: ['src/engine/loop/**'],
    rules: restrict(PAGE, REACT, ENGINE_IO, LOOP_TFJS, {
      group: ['../tasks', '../tasks/**', '**/engine/tasks', '**/engine/tasks/**'],
      message: 'The loop names no task: a task registers in src/engine/tasks/registry.ts and reaches the loop as a plug-in (src/engine/loop/plugin.ts).',
    }),
  },
  { files: ['src/worker/**'], rules: restrict(PAGE, REACT) },
  // Browser tests start Chromium only through test/e2e/page.ts, which watches every page it opens.
  {
    files: ['test/e2e/**'],
    ignores: ['test/e2e/page.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'playwright-core',
              importNames: ['chromium', 'firefox', 'webkit'],
              message: 'Start browsers with launch() or connect() from test/e2e/page.ts, so every page is watched.',
            },
            { name: '../../scripts/browser', importNames: ['launch'], message: 'Use launch() from test/e2e/page.ts, so every page is watched.' },
          ],
        },
      ],
    },
  },
);
