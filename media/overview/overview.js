// Incident overview webview. Renders the state the extension posts; every text from outside goes
// through textContent, never innerHTML. Messages: see src/host/overview/protocol.ts.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  let zoom = (vscode.getState() || {}).zoom || 1;
  let last;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function button(label, cls, onClick, title) {
    const b = el('button', cls, label);
    b.type = 'button';
    if (title) b.title = title;
    b.addEventListener('click', onClick);
    return b;
  }
  function clock(ms) {
    const d = new Date(ms);
    return d.toISOString().slice(11, 16) + 'Z';
  }
  function ago(ms) {
    const min = Math.round((Date.now() - ms) / 60000);
    if (min < 1) return 'just now';
    if (min < 120) return min + ' min ago';
    return Math.round(min / 60) + ' h ago';
  }

  function render(state, stale) {
    last = state;
    root.replaceChildren();
    const head = el('header', 'head');
    const title = el('h1', '', state.incident ? state.incident.title : 'No active incident');
    head.append(title);
    const meta = el('span', 'meta', state.window.label + ' · ' + clock(state.window.start) + ' – ' + clock(state.window.end));
    head.append(meta);
    if (stale) head.append(el('span', 'badge stale', 'stale: the last refresh failed'));
    head.append(button('Refresh', 'secondary', () => vscode.postMessage({ type: 'refresh' }), 'Read every source again'));
    root.append(head);

    const health = el('ul', 'health');
    health.setAttribute('aria-label', 'Source health');
    for (const s of state.sources) {
      const li = el('li', 'source ' + s.health);
      li.append(el('span', 'dot'), el('span', 'name', s.name), el('span', 'detail', s.detail));
      health.append(li);
    }
    root.append(health);

    root.append(renderAxis(state));
    root.append(renderSuspects(state));
  }

  function renderAxis(state) {
    const section = el('section', 'axis');
    section.setAttribute('aria-label', 'Time axis');
    const tools = el('div', 'tools');
    tools.append(
      button('−', 'icon', () => setZoom(zoom / 2), 'Zoom out'),
      button('+', 'icon', () => setZoom(zoom * 2), 'Zoom in'),
      button('Fit', 'icon', () => setZoom(1), 'Show the whole window'),
    );
    section.append(tools);
    const span = Math.max(1, state.window.end - state.window.start);
    const pos = (t) => ((t - state.window.start) / span) * 100;
    const total = state.lanes.reduce((n, l) => n + l.items.length, 0);
    const grid = el('div', 'grid');
    const labels = el('div', 'labels');
    const scroller = el('div', 'scroller');
    scroller.tabIndex = 0;
    scroller.setAttribute('aria-label', 'Events by time; scroll to pan');
    const inner = el('div', 'inner');
    inner.style.width = zoom * 100 + '%';
    const ticks = el('div', 'ticks');
    for (let i = 0; i <= 6 * zoom; i++) {
      const t = state.window.start + (span * i) / (6 * zoom);
      const tick = el('span', 'tick', clock(t));
      tick.style.left = pos(t) + '%';
      ticks.append(tick);
    }
    inner.append(ticks);
    for (const lane of state.lanes) {
      labels.append(el('div', 'lane-label', lane.label + (lane.items.length ? ' (' + lane.items.length + ')' : '')));
      const row = el('div', 'lane');
      row.setAttribute('role', 'list');
      row.setAttribute('aria-label', lane.label);
      for (const item of lane.items) {
        const b = button(item.label, 'item ' + item.tone, () => item.target && vscode.postMessage({ type: 'open', target: item.target }), clock(item.time) + ' · ' + item.detail);
        b.setAttribute('role', 'listitem');
        b.style.left = pos(item.time) + '%';
        if (!item.target) b.disabled = true;
        row.append(b);
      }
      inner.append(row);
    }
    if (state.incident && state.incident.started) {
      const mark = el('div', 'started');
      mark.style.left = pos(state.incident.started) + '%';
      mark.title = 'Incident started ' + clock(state.incident.started);
      inner.append(mark);
    }
    scroller.append(inner);
    grid.append(labels, scroller);
    section.append(grid);
    if (total === 0) section.append(el('p', 'empty', 'Nothing happened in this window yet. Start an incident, or widen the window of the Changes view.'));
    return section;
  }

  function renderSuspects(state) {
    const section = el('section', 'suspects');
    section.append(el('h2', '', 'Suspects'));
    if (state.suspects.length === 0) {
      section.append(el('p', 'empty', 'No suspects: nothing changed before the first error or the start of the incident in this window.'));
      return section;
    }
    const list = el('ol', 'suspect-list');
    for (const s of state.suspects) {
      const li = el('li', 'suspect');
      const top = el('div', 'suspect-head');
      top.append(el('span', 'score', s.score), el('span', 'suspect-title', s.title));
      li.append(top);
      const reasons = el('ul', 'reasons');
      for (const r of s.reasons) reasons.append(el('li', '', r));
      li.append(reasons);
      const actions = el('div', 'actions');
      if (s.target) actions.append(button('Open changes', 'secondary', () => vscode.postMessage({ type: 'open', target: s.target })));
      actions.append(button('Make hypothesis', 'primary', () => vscode.postMessage({ type: 'hypothesis', key: s.key }), 'Write it into the timeline as a hypothesis, with these reasons as evidence'));
      li.append(actions);
      list.append(li);
    }
    section.append(list);
    return section;
  }

  function setZoom(z) {
    zoom = Math.min(32, Math.max(1, z));
    vscode.setState({ zoom });
    if (last) render(last);
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'state') render(m.state, m.stale);
    if (m.type === 'loading') document.body.classList.add('loading');
    if (m.type === 'state') document.body.classList.remove('loading');
  });
  root.append(el('p', 'empty', 'Reading the sources…'));
  vscode.postMessage({ type: 'ready' });
})();
