import './dashboard.css';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { byId, h, replaceChildren } from '../shared/dom';
import { messageOf, query } from '../shared/graphql';
import { CHARTS, META, type ChartSpec } from './queries';

/**
 * The dashboard: the API's aggregates as bar charts (Chart.js, bundled), each with the operation
 * that feeds it and a copy button, under the data release the numbers come from. A client of the
 * public GraphQL API like the explorer (POST /graphql, nothing else).
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const main = byId('main');
const endpoint = main.dataset.endpoint ?? '/graphql';
const status = byId('status');

interface Drawn {
  labels: string[];
  values: number[];
}
/** What each chart drew, for the browser test to compare with the API. */
const drawn: Record<string, Drawn> = {};
(window as unknown as { __dashboard: { drawn: Record<string, Drawn>; done: boolean } }).__dashboard = { drawn, done: false };

function copyButton(text: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'copy' }, 'Copy operation');
  button.addEventListener('click', () => {
    void navigator.clipboard.writeText(text).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Copy failed: select the text'),
    );
  });
  return button;
}

function figure(spec: ChartSpec): { element: HTMLElement; canvas: HTMLCanvasElement; note: HTMLElement } {
  const canvas = h('canvas', { role: 'img', 'aria-label': spec.title });
  const note = h('p', { class: 'note' });
  const element = h(
    'figure',
    { id: spec.id, class: 'chart' },
    h('figcaption', {}, spec.title),
    h('div', { class: 'canvas' }, canvas),
    note,
    h('details', {}, h('summary', {}, 'GraphQL operation'), h('pre', {}, h('code', {}, spec.operation)), copyButton(spec.operation)),
  );
  return { element, canvas, note };
}

async function drawChart(spec: ChartSpec, canvas: HTMLCanvasElement, note: HTMLElement): Promise<void> {
  const series = spec.series(await query<Record<string, unknown>>(endpoint, spec.operation));
  drawn[spec.id] = series;
  if (series.values.length === 0) note.textContent = 'Nothing to count in this release.';
  new Chart(canvas, {
    type: 'bar',
    data: { labels: series.labels, datasets: [{ label: spec.title, data: series.values, backgroundColor: '#0b5cad' }] },
    options: { indexAxis: series.labels.length > 8 ? 'y' : 'x', animation: false, responsive: true, maintainAspectRatio: false, plugins: { tooltip: { enabled: true } } },
  });
  canvas.dataset.drawn = 'true';
}

async function start(): Promise<void> {
  const release = byId('release');
  const grid = byId('charts');
  const figures = CHARTS.map((spec) => ({ spec, ...figure(spec) }));
  replaceChildren(grid, figures.map((f) => f.element));
  try {
    const { meta } = await query<{ meta: { apiVersion: string; dataVersion: string; releasedAt: string | null; releasedBy: string | null; sources: Array<{ id: string; name: string; version: string }> } }>(endpoint, META);
    replaceChildren(
      release,
      h('strong', { id: 'data-version' }, `Data release ${meta.dataVersion}`),
      ` · made ${meta.releasedAt ?? 'never'} by ${meta.releasedBy ?? 'nothing yet'} · API ${meta.apiVersion} · `,
      meta.sources.map((s) => `${s.name} ${s.version}`).join('; ') || 'no data sets',
      ' · ',
      h('a', { href: '/releases' }, 'download this release'),
    );
    await Promise.all(figures.map((f) => drawChart(f.spec, f.canvas, f.note)));
    status.textContent = `${figures.length} charts drawn from release ${meta.dataVersion}.`;
  } catch (error) {
    status.textContent = messageOf(error);
    status.classList.add('error');
  }
  (window as unknown as { __dashboard: { done: boolean } }).__dashboard.done = true;
}

void start();
