import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './playground.css';
import { EXAMPLES } from './examples';
import { graphqlFetcher } from '../shared/graphql';

/**
 * GraphiQL 5 (Monaco editor) built from the project's own node_modules. Monaco's workers are separate
 * bundles served from this origin (dist/web/workers); GraphiQL's stock setups fetch them from a CDN.
 */
const root = document.getElementById('playground');
if (!root) throw new Error('missing #playground');
const endpoint = root.dataset.endpoint ?? '/graphql';
const assets = root.dataset.assets ?? '/web';

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const name = label === 'json' ? 'json' : label === 'graphql' ? 'graphql' : 'editor';
    return new Worker(`${assets}/workers/${name}.worker.js`, { name: `${label}-worker` });
  },
};

/**
 * Saved tabs are kept per set of examples: when the examples change, visitors see the new ones
 * instead of the tabs they saved against an older version.
 */
function versionedStorage(version: string): Storage {
  const prefix = `condition-graph:${version}:`;
  const backing = window.localStorage;
  return {
    getItem: (key) => backing.getItem(prefix + key),
    setItem: (key, value) => backing.setItem(prefix + key, value),
    removeItem: (key) => backing.removeItem(prefix + key),
    clear: () => {
      for (const key of Object.keys(backing)) if (key.startsWith(prefix)) backing.removeItem(key);
    },
    key: (index) => Object.keys(backing).filter((key) => key.startsWith(prefix))[index]?.slice(prefix.length) ?? null,
    get length() {
      return Object.keys(backing).filter((key) => key.startsWith(prefix)).length;
    },
  };
}

function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher: graphqlFetcher(endpoint),
    defaultTabs: EXAMPLES.map((query) => ({ query })),
    defaultEditorToolsVisibility: false,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    plugins: [HISTORY_PLUGIN],
    storage: versionedStorage(hash(EXAMPLES.join('\n'))),
  }),
);
