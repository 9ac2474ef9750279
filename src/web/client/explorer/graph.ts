import cytoscape, { type Core, type ElementDefinition, type EventObject } from 'cytoscape';
import cola from 'cytoscape-cola';
import { kindStyle, relationLabel } from './kinds';
import type { GraphEdge, GraphNode, Subgraph } from './types';

const EDGE_LABEL_LIMIT = 24;

// Cola (WebCola's constraint-based layout) with `avoidOverlap` and node boxes that include their
// labels: no label overlaps another label or node, where the built-in layouts let long names collide.
cytoscape.use(cola);

export interface GraphView {
  /** Adds what is not drawn yet; returns how many nodes were new. */
  merge(subgraph: Subgraph, around?: string): number;
  clear(): void;
  /** Call after the container was hidden or resized. */
  resize(): void;
  select(id: string): void;
  node(id: string): GraphNode | undefined;
  edge(id: string): GraphEdge | undefined;
  nodes(): GraphNode[];
  edges(): GraphEdge[];
  /** Pairs of drawn node labels (or a label and another node) that overlap, by node id (for automated checks). */
  labelOverlaps(): [string, string][];
  /** Where an element is drawn, in page coordinates (for automation and for focusing the canvas). */
  pagePosition(id: string): { x: number; y: number } | undefined;
}

/**
 * The neighbourhood drawing (Cytoscape.js). It keeps the API's node and edge records so the details
 * panel and the accessible list can show exactly what was fetched.
 */
export function createGraphView(
  container: HTMLElement,
  handlers: { onNode(node: GraphNode): void; onEdge(edge: GraphEdge): void },
): GraphView {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const text = dark ? '#e8e8e8' : '#1b1b1b';
  const halo = dark ? '#1b1b1b' : '#ffffff';

  const cy: Core = cytoscape({
    container,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          shape: 'data(shape)' as never,
          label: 'data(name)',
          color: text,
          'font-size': 11,
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-wrap': 'ellipsis',
          'text-max-width': '130px',
          'text-outline-color': halo,
          'text-outline-width': 2,
          width: 22,
          height: 22,
        },
      },
      { selector: 'node.root', style: { width: 34, height: 34, 'font-weight': 'bold', 'border-width': 3, 'border-color': text } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f0e442' } },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': dark ? '#8a8a8a' : '#9a9a9a',
          'target-arrow-color': dark ? '#8a8a8a' : '#9a9a9a',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: '',
          'font-size': 9,
          color: dark ? '#c8c8c8' : '#444444',
          'text-rotation': 'autorotate',
          'text-outline-color': halo,
          'text-outline-width': 2,
        },
      },
      // Relationship types are written on the edges while the drawing is small, and otherwise on the
      // edges of the selected node (and the selected edge), so a large neighbourhood stays readable.
      { selector: 'edge.labelled, edge.near, edge:selected', style: { label: 'data(label)' } },
      { selector: 'edge.negated', style: { 'line-style': 'dashed', 'line-color': '#c0392b', 'target-arrow-color': '#c0392b' } },
      { selector: 'edge:selected', style: { width: 4, 'line-color': '#f0e442', 'target-arrow-color': '#f0e442' } },
    ],
  });

  cy.on('select', 'node', (event: EventObject) => {
    cy.edges().removeClass('near');
    const connected = event.target.connectedEdges();
    if (connected.length <= EDGE_LABEL_LIMIT) connected.addClass('near');
  });
  cy.on('tap', 'node', (event: EventObject) => {
    const node = nodes.get(String(event.target.id()));
    if (node) handlers.onNode(node);
  });
  // Long names are cut at 130px on the canvas: the full name shows on hover.
  cy.on('mouseover', 'node', (event: EventObject) => {
    container.title = String(event.target.data('name') ?? '');
  });
  cy.on('mouseout', 'node', () => {
    container.title = '';
  });
  cy.on('tap', 'edge', (event: EventObject) => {
    const edge = edges.get(String(event.target.id()));
    if (edge) handlers.onEdge(edge);
  });

  return {
    merge(subgraph, around) {
      const added: ElementDefinition[] = [];
      const origin = around ? cy.getElementById(around) : undefined;
      const position = origin && origin.nonempty() ? { ...origin.position() } : undefined;
      for (const node of subgraph.nodes) {
        if (nodes.has(node.id)) continue;
        nodes.set(node.id, node);
        const style = kindStyle(node.kind);
        added.push({
          group: 'nodes',
          data: { id: node.id, name: node.name, kind: node.kind, color: style.color, shape: style.shape },
          ...(position ? { position: { x: position.x + Math.random() * 40 - 20, y: position.y + Math.random() * 40 - 20 } } : {}),
        });
      }
      const newNodes = added.length;
      for (const edge of subgraph.edges) {
        if (edges.has(edge.id) || !nodes.has(edge.from) || !nodes.has(edge.to)) continue;
        edges.set(edge.id, edge);
        added.push({
          group: 'edges',
          data: { id: edge.id, source: edge.from, target: edge.to, label: relationLabel(edge.type) },
          classes: edge.negated ? 'negated' : '',
        });
      }
      if (added.length > 0) {
        cy.add(added);
        if (cy.edges().length <= EDGE_LABEL_LIMIT) cy.edges().addClass('labelled');
        else cy.edges().removeClass('labelled');
        if (around && nodes.size === newNodes) cy.getElementById(around).addClass('root');
        // Labels count as part of each node, so no two labels (or a label and a node) overlap. A fresh
        // drawing starts from scratch; later expansions start from the current positions.
        const layout = cy.layout({
          name: 'cola',
          animate: false,
          randomize: !position,
          fit: true,
          padding: 24,
          nodeDimensionsIncludeLabels: true,
          avoidOverlap: true,
          nodeSpacing: () => 6,
          edgeLength: 110,
          maxSimulationTime: 3000,
        } as cytoscape.LayoutOptions);
        layout.run();
      }
      return newNodes;
    },
    resize() {
      cy.resize();
      cy.fit(undefined, 24);
    },
    clear() {
      cy.elements().remove();
      nodes.clear();
      edges.clear();
    },
    select(id) {
      cy.elements().unselect();
      const element = cy.getElementById(id);
      if (element.nonempty()) {
        element.select();
        cy.animate({ center: { eles: element } }, { duration: 200 });
      }
    },
    labelOverlaps() {
      const boxes = cy.nodes().map((node) => ({
        id: node.id(),
        label: node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }),
        body: node.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: false }),
      }));
      const meet = (a: cytoscape.BoundingBox12, b: cytoscape.BoundingBox12) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
      const overlaps: [string, string][] = [];
      for (const a of boxes) {
        for (const b of boxes) {
          if (a.id === b.id) continue;
          if ((a.id < b.id && meet(a.label, b.label)) || meet(a.label, b.body)) overlaps.push([a.id, b.id]);
        }
      }
      return overlaps;
    },
    pagePosition(id) {
      const element = cy.getElementById(id);
      if (element.empty()) return undefined;
      const box = container.getBoundingClientRect();
      const point = element.isEdge() ? element.renderedMidpoint() : (element as cytoscape.NodeSingular).renderedPosition();
      return { x: box.left + window.scrollX + point.x, y: box.top + window.scrollY + point.y };
    },
    node: (id) => nodes.get(id),
    edge: (id) => edges.get(id),
    nodes: () => [...nodes.values()],
    edges: () => [...edges.values()],
  };
}
