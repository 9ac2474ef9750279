import { WEB_ASSETS_PATH } from './assets';

/**
 * The two HTML pages. They are small shells: everything else is a bundled file under /web from this
 * origin. The Content-Security-Policy makes the browser itself refuse anything from another host.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  // Monaco and Cytoscape set inline styles from script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export type PageName = 'playground' | 'explorer' | 'dashboard';

const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='4' cy='4' r='3' fill='%230072b2'/%3E%3Ccircle cx='12' cy='12' r='3' fill='%23d55e00'/%3E%3Cpath d='M4 4L12 12' stroke='%23555' stroke-width='1.5'/%3E%3C/svg%3E";

function shell({ title, page, body }: { title: string; page: PageName; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${WEB_ASSETS_PATH}/${page}.css">
<script type="module" src="${WEB_ASSETS_PATH}/${page}.js"></script>
</head>
<body>
${body}
</body>
</html>
`;
}

export function playgroundPage({ endpoint }: { endpoint: string }): string {
  return shell({
    title: 'condition-graph · GraphQL playground',
    page: 'playground',
    body: `<div id="playground" data-endpoint="${endpoint}" data-assets="${WEB_ASSETS_PATH}">
<p class="cg-loading">Loading the GraphQL playground… (it needs JavaScript; the API itself answers POST ${endpoint}).</p>
</div>`,
  });
}

export function explorerPage({ endpoint }: { endpoint: string }): string {
  return shell({
    title: 'condition-graph · explorer',
    page: 'explorer',
    body: `<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <h1>condition-graph <span>explorer</span></h1>
  <nav aria-label="Pages"><a href="/">GraphQL playground</a></nav>
</header>
<main id="main" data-endpoint="${endpoint}">
  <div class="tabs" role="tablist" aria-label="Views">
    <button role="tab" id="tab-graph" aria-controls="panel-graph" aria-selected="true">Neighbourhood</button>
    <button role="tab" id="tab-compare" aria-controls="panel-compare" aria-selected="false" tabindex="-1">Compare</button>
    <button role="tab" id="tab-differential" aria-controls="panel-differential" aria-selected="false" tabindex="-1">Differential</button>
    <button role="tab" id="tab-curate" aria-controls="panel-curate" aria-selected="false" tabindex="-1">Curate</button>
  </div>

  <section role="tabpanel" id="panel-graph" aria-labelledby="tab-graph">
    <form id="search-form" class="row" role="search">
      <label for="search-input">Find an entity</label>
      <input id="search-input" name="text" type="search" autocomplete="off" placeholder="ALS, twitching, MONDO:0004976…" required>
      <label for="depth">Depth</label>
      <select id="depth" name="depth"><option value="1" selected>1</option><option value="2">2</option></select>
      <button type="submit">Search</button>
    </form>
    <ul id="search-results" class="chips" aria-label="Search results"></ul>
    <div class="graph-layout">
      <div id="graph" role="img" aria-label="Graph of the selected entity's neighbourhood; the same content is listed below."></div>
      <aside id="details" aria-live="polite" tabindex="-1"><p class="hint">Search or pick an entity. Click a node to expand it, an edge to see its evidence.</p></aside>
    </div>
    <ul id="legend" class="legend" aria-label="Colours by kind"></ul>
    <details id="graph-list" open>
      <summary>Nodes and relationships as a list</summary>
      <div class="lists">
        <div><h3>Nodes</h3><ul id="node-list"></ul></div>
        <div><h3>Relationships</h3><ul id="edge-list"></ul></div>
      </div>
    </details>
  </section>

  <section role="tabpanel" id="panel-compare" aria-labelledby="tab-compare" hidden>
    <form id="compare-form">
      <fieldset>
        <legend>Pick two or more conditions</legend>
        <div id="compare-choices" class="choices"><p class="hint">Loading conditions…</p></div>
      </fieldset>
      <button type="submit">Compare</button>
    </form>
    <div id="compare-result" aria-live="polite"></div>
  </section>

  <section role="tabpanel" id="panel-differential" aria-labelledby="tab-differential" hidden>
    <form id="differential-form">
      <fieldset>
        <legend>Tick the symptoms you see</legend>
        <label for="symptom-filter" class="inline">Filter</label>
        <input id="symptom-filter" type="search" autocomplete="off" placeholder="twitch, cramp…">
        <div id="symptom-choices" class="choices"><p class="hint">Loading symptoms…</p></div>
      </fieldset>
      <button type="submit">Rank conditions</button>
    </form>
    <div id="differential-result" aria-live="polite"></div>
  </section>

  <section role="tabpanel" id="panel-curate" aria-labelledby="tab-curate" hidden>
    <section id="sign-in" class="curate-block" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <div id="viewer" aria-live="polite"></div>
      <!-- The token field has no name: the form never sends it anywhere, even without JavaScript. -->
      <form id="sign-in-form" class="row" method="post">
        <label for="token-input">Bearer token</label>
        <input id="token-input" type="password" autocomplete="off" spellcheck="false" required>
        <button type="submit">Sign in</button>
      </form>
      <button id="sign-out" type="button" hidden>Sign out</button>
      <p class="hint">Curators propose statements; reviewers accept or reject other people's proposals. On a local server,
      <code>npm run token -- --role curator --sub alice</code> prints a token. It stays in this browser tab only (sessionStorage) until you sign out or close the tab.</p>
    </section>
    <section id="propose" class="curate-block" aria-label="Propose a statement" hidden></section>
    <section id="review" class="curate-block" aria-label="Pending proposals" hidden></section>
  </section>
  <p id="status" role="status" class="status"></p>
</main>
<noscript><p>The explorer needs JavaScript. The GraphQL API answers POST ${endpoint} without it.</p></noscript>`,
  });
}

export function dashboardPage({ endpoint }: { endpoint: string }): string {
  return shell({
    title: 'condition-graph · dashboard',
    page: 'dashboard',
    body: `<header class="top">
  <h1>condition-graph <span>dashboard</span></h1>
  <nav aria-label="Pages"><a href="/">GraphQL playground</a><a href="/explore">Explorer</a><a href="/releases">Downloads</a></nav>
</header>
<main id="main" data-endpoint="${endpoint}">
  <p id="release" aria-live="polite">Reading the data release…</p>
  <div id="charts"></div>
  <p id="status" role="status" class="status"></p>
</main>
<noscript><p>The dashboard needs JavaScript. The GraphQL API answers POST ${endpoint} without it: see <code>facets</code> and <code>meta</code>.</p></noscript>`,
  });
}
