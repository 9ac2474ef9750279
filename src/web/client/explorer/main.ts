import './explorer.css';
import { byId, h, replaceChildren } from '../shared/dom';
import { messageOf } from '../shared/graphql';
import { setupCompare } from './compare';
import { setupCurate } from './curate';
import { setupDifferential } from './differential';
import { evidenceList, highlightedText } from './evidence';
import { createGraphView, type GraphView } from './graph';
import { KIND_STYLES, kindStyle, relationLabel } from './kinds';
import { fetchNeighborhood, fetchSourceText, fetchStatements, searchEntities } from './queries';
import { statementGroups } from './statements';
import type { GraphEdge, GraphNode, SourceText } from './types';

/**
 * The explorer: a client of the public GraphQL API like any other (POST /graphql, nothing else).
 * Four views in tabs — a neighbourhood graph, a side-by-side comparison, a differential and curation
 * (sign in, propose, review) — each usable with the keyboard alone and on a narrow screen.
 */
const main = byId('main');
const endpoint = main.dataset.endpoint ?? '/graphql';
const status = byId('status');

export function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message;
  status.className = `status ${kind}`;
}

// ---------------------------------------------------------------------------------------------
// Tabs (WAI-ARIA tabs pattern: arrow keys move between tabs, Tab goes into the panel)
// ---------------------------------------------------------------------------------------------

const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
const onShow = new Map<string, () => void>();

function selectTab(tab: HTMLButtonElement, focus = true): void {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    byId(other.getAttribute('aria-controls') ?? '').hidden = !selected;
  }
  if (focus) tab.focus();
  const name = tab.id.replace(/^tab-/, '');
  if (location.hash.slice(1).split('/')[0] !== name) history.replaceState(null, '', `#${name}`);
  onShow.get(name)?.();
}

for (const [index, tab] of tabs.entries()) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step !== 0) {
      event.preventDefault();
      selectTab(tabs[(index + step + tabs.length) % tabs.length]!);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      selectTab(tabs[event.key === 'Home' ? 0 : tabs.length - 1]!);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Neighbourhood
// ---------------------------------------------------------------------------------------------

const details = byId('details');
const nodeList = byId('node-list');
const edgeList = byId('edge-list');
const depthSelect = byId<HTMLSelectElement>('depth');
const expanded = new Set<string>();

const graph: GraphView = createGraphView(byId('graph'), {
  onNode: (node) => void expand(node.id),
  onEdge: (edge) => showEdge(edge),
});

// For automated checks (test/e2e): where a node or edge is drawn, so a test can click the canvas itself.
(window as { conditionGraphExplorer?: unknown }).conditionGraphExplorer = {
  pagePosition: (id: string) => graph.pagePosition(id),
  labelOverlaps: () => graph.labelOverlaps(),
  edgeIds: () => graph.edges().map((edge) => edge.id),
};

replaceChildren(
  byId('legend'),
  Object.values(KIND_STYLES).map((style) => h('li', {}, h('span', { class: 'swatch', style: `background:${style.color}` }), style.label)),
);

function nameOf(id: string): string {
  return graph.node(id)?.name ?? id;
}

let statementsRequest: AbortController | undefined;
/** The entity the side panel shows, if it shows one (not an edge's evidence). */
let shownNode: GraphNode | undefined;

function showNode(node: GraphNode): void {
  shownNode = node;
  const style = kindStyle(node.kind);
  const statements = h('div', { class: 'statements-slot' }, h('p', { class: 'hint' }, 'Loading what is stated about it…'));
  replaceChildren(
    details,
    h('h2', {}, node.name),
    h('p', { class: 'kind' }, h('span', { class: 'swatch', style: `background:${style.color}` }), style.label, h('code', {}, node.id)),
    node.description ? h('p', {}, node.description) : null,
    expanded.has(node.id)
      ? h('p', { class: 'hint' }, 'Its neighbourhood is drawn.')
      : h('button', { type: 'button', onclick: () => void expand(node.id) }, `Expand ${node.name}`),
    curate.canPropose() ? h('button', { type: 'button', class: 'propose-about', onclick: () => curate.proposeAbout(node) }, `Propose a statement about ${node.name}`) : null,
    statements,
  );
  statementsRequest?.abort();
  const controller = new AbortController();
  statementsRequest = controller;
  fetchStatements(endpoint, node.id, controller.signal).then(
    ({ statements: list, total }) => replaceChildren(statements, statementGroups(list, total, (entity) => void expand(entity.id))),
    (error: unknown) => {
      if (!controller.signal.aborted) replaceChildren(statements, h('p', { class: 'hint' }, messageOf(error)));
    },
  );
}

/** Source texts fetched once per page (the article for every edge of the seed). */
const sourceTexts = new Map<string, Promise<SourceText | null>>();

function showEdge(edge: GraphEdge): void {
  shownNode = undefined;
  graph.select(edge.id);
  const inText = h('div', { class: 'in-text' });
  replaceChildren(
    details,
    h('h2', {}, 'Evidence'),
    h('p', { class: 'relation' }, h('strong', {}, nameOf(edge.from)), ` ${relationLabel(edge.type)} `, h('strong', {}, nameOf(edge.to))),
    evidenceList(edge.evidence),
    inText,
  );
  details.focus({ preventScroll: true });
  // The first quote that is a span of a stored text, highlighted in that text.
  const located = edge.evidence.find((item) => (item.spans?.length ?? 0) > 0);
  const spans = located?.spans ?? [];
  const textId = spans[0]?.source.id;
  if (!textId) return;
  let text = sourceTexts.get(textId);
  if (!text) {
    text = fetchSourceText(endpoint, textId).catch(() => null);
    sourceTexts.set(textId, text);
  }
  void text.then((source) => {
    if (!source || !inText.isConnected) return;
    replaceChildren(inText, highlightedText(source, spans));
    inText.querySelector('mark.quote')?.scrollIntoView({ block: 'center' });
  });
}

function renderLists(): void {
  const nodes = graph.nodes().sort((a, b) => a.name.localeCompare(b.name));
  replaceChildren(
    nodeList,
    nodes.map((node) =>
      h(
        'li',
        {},
        h('span', { class: 'swatch', style: `background:${kindStyle(node.kind).color}`, title: kindStyle(node.kind).label }),
        h(
          'button',
          { type: 'button', class: 'link', 'data-node': node.id, onclick: () => void expand(node.id) },
          node.name,
        ),
        h('span', { class: 'kind-label' }, ` ${kindStyle(node.kind).label}`, expanded.has(node.id) ? ' · expanded' : ''),
      ),
    ),
  );
  replaceChildren(
    edgeList,
    graph
      .edges()
      .sort((a, b) => nameOf(a.from).localeCompare(nameOf(b.from)) || a.type.localeCompare(b.type))
      .map((edge) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'link', 'data-edge': edge.id, onclick: () => showEdge(edge) },
            `${nameOf(edge.from)} — ${relationLabel(edge.type)} → ${nameOf(edge.to)}`,
          ),
        ),
      ),
  );
}

let current: AbortController | undefined;

/** Draws (or adds) the neighbourhood of an entity. */
async function expand(id: string, { reset = false } = {}): Promise<void> {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const depth = Number(depthSelect.value) || 1;
  say(`Loading the neighbourhood of ${graph.node(id)?.name ?? id}…`);
  try {
    const subgraph = await fetchNeighborhood(endpoint, id, depth, controller.signal);
    if (reset) {
      graph.clear();
      expanded.clear();
    }
    const added = graph.merge(subgraph, id);
    expanded.add(id);
    renderLists();
    graph.select(id);
    const node = graph.node(id);
    if (node) showNode(node);
    say(
      (added > 0
        ? `${node?.name ?? id}: ${added} new node${added === 1 ? '' : 's'}, ${graph.nodes().length} nodes and ${graph.edges().length} relationships drawn.`
        : `${node?.name ?? id}: nothing new around it.`) + (subgraph.truncated ? ' The server capped this neighbourhood; expand nodes to see more.' : ''),
    );
    if (reset) history.replaceState(null, '', `#graph/${encodeURIComponent(id)}`);
  } catch (error) {
    if (controller.signal.aborted) return;
    say(messageOf(error), 'error');
  }
}

const searchResults = byId('search-results');
byId<HTMLFormElement>('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = byId<HTMLInputElement>('search-input').value.trim();
  if (!text) return;
  say(`Searching for “${text}”…`);
  searchEntities(endpoint, text).then(
    (hits) => {
      replaceChildren(
        searchResults,
        hits.map((hit) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'chip', onclick: () => void expand(hit.id, { reset: true }) },
              h('span', { class: 'swatch', style: `background:${kindStyle(hit.kind).color}` }),
              hit.name,
              h('span', { class: 'kind-label' }, ` ${kindStyle(hit.kind).label}`),
            ),
          ),
        ),
      );
      say(hits.length ? `${hits.length} match${hits.length === 1 ? '' : 'es'} for “${text}”: pick one to draw it.` : `Nothing matches “${text}”.`);
      searchResults.querySelector('button')?.focus();
    },
    (error: unknown) => say(messageOf(error), 'error'),
  );
});

// ---------------------------------------------------------------------------------------------
// Compare and differential
// ---------------------------------------------------------------------------------------------

onShow.set('graph', () => graph.resize());
onShow.set('compare', setupCompare(endpoint, say));
onShow.set('differential', setupDifferential(endpoint, say));

// ---------------------------------------------------------------------------------------------
// Curate: sign in, propose (curators), review (reviewers)
// ---------------------------------------------------------------------------------------------

const curateTab = byId<HTMLButtonElement>('tab-curate');
// Signing in or out changes what the side panel offers (a curator may propose about the entity shown).
const curate = setupCurate(
  endpoint,
  say,
  () => selectTab(curateTab, false),
  () => {
    if (shownNode) showNode(shownNode);
  },
);

// ---------------------------------------------------------------------------------------------
// Start: #graph/<id>, #compare, #differential, #curate; ALS by default.
// ---------------------------------------------------------------------------------------------

const [view, arg] = location.hash.slice(1).split('/');
const startTab = tabs.find((tab) => tab.id === `tab-${view}`);
if (startTab && view !== 'graph') selectTab(startTab, false);
void expand(view === 'graph' && arg ? decodeURIComponent(arg) : 'als', { reset: true });
