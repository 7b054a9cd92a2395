// Incident overview webview. Renders the state the extension posts; every text from outside goes
// through textContent, never innerHTML. Messages: see src/host/overview/protocol.ts.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const saved = vscode.getState() || {};
  let zoom = saved.zoom || 1;
  let scroll = saved.scroll || 0;
  let last;
  let auto = 0;
  let refreshing = false;
  let focusedId;

  const PRESETS = [
    ['incident', 'Incident window'],
    ['1h', 'Last 1 h'],
    ['6h', 'Last 6 h'],
    ['24h', 'Last 24 h'],
    ['custom', 'Custom…'],
  ];
  const AUTO = [
    [0, 'Auto-refresh off'],
    [30, 'Every 30 s'],
    [60, 'Every minute'],
    [300, 'Every 5 min'],
  ];

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
    if (title && cls === 'icon') b.setAttribute('aria-label', title);
    b.addEventListener('click', onClick);
    return b;
  }
  function select(label, options, value, onChange) {
    const s = el('select', 'select');
    s.setAttribute('aria-label', label);
    s.title = label;
    for (const [v, text] of options) {
      const o = el('option', '', text);
      o.value = String(v);
      if (String(v) === String(value)) o.selected = true;
      s.append(o);
    }
    s.addEventListener('change', () => onChange(s.value));
    return s;
  }
  function clock(ms) {
    return new Date(ms).toISOString().slice(11, 16) + 'Z';
  }
  function ago(ms) {
    const min = Math.round((Date.now() - ms) / 60000);
    if (min < 1) return 'just now';
    if (min < 120) return min + ' min ago';
    return Math.round(min / 60) + ' h ago';
  }
  function save() {
    vscode.setState({ zoom, scroll });
  }

  function render(state) {
    last = state;
    // A new state must not take the keyboard focus away: it returns to the same event.
    const active = document.activeElement;
    focusedId = active && active.dataset ? active.dataset.id : undefined;
    root.replaceChildren();
    const head = el('header', 'head');
    head.append(el('h1', '', state.incident ? state.incident.title : 'No active incident'));
    head.append(select('Window', PRESETS, state.preset || 'incident', (v) => vscode.postMessage({ type: 'preset', preset: v })));
    head.append(el('span', 'meta', state.window.label + ' · ' + clock(state.window.start) + ' – ' + clock(state.window.end)));
    if (refreshing) head.append(button('Cancel', 'secondary refresh', () => vscode.postMessage({ type: 'cancel' }), 'Stop reading the sources'));
    else head.append(button('Refresh', 'secondary refresh', () => vscode.postMessage({ type: 'refresh' }), 'Read every source again, all at once'));
    head.append(select('Auto-refresh', AUTO, auto, (v) => vscode.postMessage({ type: 'autoRefresh', seconds: Number(v) })));
    root.append(head);

    const health = el('ul', 'health');
    health.setAttribute('aria-label', 'Source health');
    for (const s of state.sources) {
      const li = el('li', 'source ' + s.health + (s.stale ? ' stale' : ''));
      li.append(el('span', 'dot'), el('span', 'name', s.name), el('span', 'detail', s.detail));
      if (s.stale) li.append(el('span', 'badge stale', 'stale: showing data from ' + ago(s.at)));
      else if (s.at && s.health === 'ok') li.append(el('span', 'detail age', ago(s.at)));
      if (s.action) li.append(button(s.action.label, 'link', () => vscode.postMessage({ type: 'action', command: s.action.command })));
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
      button('−', 'icon', () => setZoom(zoom / 2), 'Zoom out (-)'),
      button('+', 'icon', () => setZoom(zoom * 2), 'Zoom in (+)'),
      button('Fit', 'icon', () => setZoom(1), 'Show the whole window (0)'),
      el('span', 'hint', 'Arrow keys pan · Enter opens · P pins as evidence'),
    );
    const legend = el('span', 'legend');
    for (const [tone, text] of [['success', 'succeeded'], ['failure', 'failed'], ['progress', 'in progress'], ['risk', 'risky change'], ['new', 'new']]) {
      const key = el('span', 'key ' + tone);
      legend.append(key, el('span', 'detail', text));
    }
    tools.append(legend);
    section.append(tools);
    const span = Math.max(1, state.window.end - state.window.start);
    const pos = (t) => ((t - state.window.start) / span) * 100;
    const total = state.lanes.reduce((n, l) => n + l.items.length, 0);
    const grid = el('div', 'grid');
    const labels = el('div', 'labels');
    const scroller = el('div', 'scroller');
    scroller.tabIndex = 0;
    scroller.setAttribute('aria-label', 'Events by time. Arrow keys pan, plus and minus zoom.');
    scroller.addEventListener('keydown', (e) => onAxisKey(e, scroller));
    scroller.addEventListener('scroll', () => {
      scroll = scroller.scrollLeft / Math.max(1, scroller.scrollWidth);
      save();
    });
    const inner = el('div', 'inner');
    inner.style.width = zoom * 100 + '%';
    const ticks = el('div', 'ticks');
    inner.append(ticks);
    const rows = [];
    for (const lane of state.lanes) {
      labels.append(el('div', 'lane-label', lane.label + (lane.items.length ? ' (' + lane.items.length + ')' : '')));
      const row = el('div', 'lane');
      row.setAttribute('role', 'list');
      row.setAttribute('aria-label', lane.label);
      inner.append(row);
      rows.push([row, lane]);
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
    if (total === 0) section.append(el('p', 'empty', 'Nothing happened in this window. Choose a wider window above, or start an incident to see its own window.'));
    // Items are placed once the axis has its width: close ones are gathered so none hides another.
    requestAnimationFrame(() => {
      const width = Math.max(200, inner.getBoundingClientRect().width);
      // As many time labels as fit: one every 80 px or more.
      const count = Math.max(1, Math.floor(width / 80));
      for (let i = 0; i <= count; i++) {
        const t = state.window.start + (span * i) / count;
        const tick = el('span', 'tick', clock(t));
        tick.style.left = pos(t) + '%';
        ticks.append(tick);
      }
      for (const [row, lane] of rows) placeItems(row, lane.items, width, pos);
      scroller.scrollLeft = scroll * scroller.scrollWidth;
      if (focusedId) {
        const again = [...root.querySelectorAll('.item')].find((b) => b.dataset.id === focusedId);
        if (again) again.focus();
      }
    });
    return section;
  }

  /** Rough width of an item's pill, in pixels: capped like the CSS caps it. */
  function pillWidth(label) {
    return Math.min(140, 12 + label.length * 6.5);
  }

  function placeItems(row, items, width, pos) {
    const groups = [];
    for (const item of items) {
      const x = (pos(item.time) / 100) * width;
      const g = groups[groups.length - 1];
      if (g && x - pillWidth(item.label) / 2 < g.right + 4) {
        g.items.push(item);
        g.right = Math.max(g.right, x + 30);
      } else groups.push({ x, right: x + pillWidth(item.label) / 2, items: [item] });
    }
    // Pills near either end of the axis are anchored inside it, so none is cut off.
    const edge = (b, x, label) => {
      const half = pillWidth(label) / 2;
      if (x + half > width) b.classList.add('edge-right');
      else if (x - half < 0) b.classList.add('edge-left');
      return b;
    };
    for (const g of groups) {
      if (g.items.length === 1) {
        row.append(edge(itemButton(g.items[0], pos), g.x, g.items[0].label));
        continue;
      }
      const first = g.items[0];
      const b = button(g.items.length + ' events', 'item cluster ' + worstTone(g.items), () => zoomTo(g.items, first), g.items.map((i) => clock(i.time) + ' · ' + i.detail).join('\n'));
      b.setAttribute('role', 'listitem');
      b.setAttribute('aria-label', g.items.length + ' events from ' + clock(first.time) + ' to ' + clock(g.items[g.items.length - 1].time) + '; press Enter to zoom in');
      b.style.left = pos(first.time) + '%';
      row.append(edge(b, g.x, b.textContent));
    }
  }

  const TONE_ORDER = ['failure', 'new', 'risk', 'progress', 'open', 'success', 'confirmed', 'refuted', 'neutral'];
  function worstTone(items) {
    return TONE_ORDER.find((t) => items.some((i) => i.tone === t)) || 'neutral';
  }

  function itemButton(item, pos) {
    const b = button(item.label, 'item ' + item.tone, () => item.target && vscode.postMessage({ type: 'open', target: item.target }), clock(item.time) + ' · ' + item.detail);
    b.setAttribute('role', 'listitem');
    b.setAttribute('aria-label', clock(item.time) + ' ' + item.detail);
    b.dataset.id = item.id;
    b.setAttribute('data-vscode-context', JSON.stringify({ webviewSection: 'item', itemId: item.id, preventDefaultContextMenuItems: true }));
    b.addEventListener('keydown', (e) => {
      if (e.key === 'p' || e.key === 'P') {
        e.preventDefault();
        e.stopPropagation();
        vscode.postMessage({ type: 'pin', id: item.id });
      }
    });
    b.style.left = pos(item.time) + '%';
    if (!item.target) b.setAttribute('aria-disabled', 'true');
    return b;
  }

  /** Zooms so a cluster's events stand apart, centred on them. */
  function zoomTo(items, first) {
    if (!last) return;
    const span = Math.max(1, last.window.end - last.window.start);
    const spread = Math.max(60000, items[items.length - 1].time - first.time);
    zoom = Math.min(64, Math.max(zoom * 2, Math.pow(2, Math.ceil(Math.log2(span / spread / 2)))));
    const centre = (first.time + spread / 2 - last.window.start) / span;
    scroll = Math.max(0, centre - 0.5 / zoom);
    save();
    render(last);
  }

  function onAxisKey(e, scroller) {
    const step = scroller.clientWidth * 0.2;
    if (e.key === 'ArrowRight') scroller.scrollLeft += step;
    else if (e.key === 'ArrowLeft') scroller.scrollLeft -= step;
    else if (e.key === 'Home') scroller.scrollLeft = 0;
    else if (e.key === 'End') scroller.scrollLeft = scroller.scrollWidth;
    else if (e.key === '+' || e.key === '=') setZoom(zoom * 2, true);
    else if (e.key === '-') setZoom(zoom / 2, true);
    else if (e.key === '0') setZoom(1, true);
    else return;
    e.preventDefault();
  }

  function renderSuspects(state) {
    const section = el('section', 'suspects');
    section.append(el('h2', '', 'Suspects'));
    if (state.suspects.length === 0) {
      section.append(el('p', 'empty', 'No suspects: nothing changed before the first error or the start of the incident in this window. Widen the window, or check the sources above.'));
      return section;
    }
    const list = el('ol', 'suspect-list');
    for (const s of state.suspects) {
      const li = el('li', 'suspect');
      const top = el('div', 'suspect-head');
      const score = el('span', 'score', s.score);
      score.title = 'Score out of 100';
      top.append(score, el('span', 'suspect-title', s.title));
      li.append(top);
      const reasons = el('ul', 'reasons');
      for (const r of s.reasons) reasons.append(el('li', '', r));
      li.append(reasons);
      const actions = el('div', 'actions');
      if (s.target) actions.append(button(s.target.kind === 'url' ? 'Open on the web' : 'Open changes', 'secondary', () => vscode.postMessage({ type: 'open', target: s.target })));
      actions.append(button('Make hypothesis', 'primary', () => vscode.postMessage({ type: 'hypothesis', key: s.key }), 'Write it into the timeline as a hypothesis, with these reasons as evidence'));
      actions.append(button('Pin as evidence', 'secondary', () => vscode.postMessage({ type: 'pin', id: s.key }), 'Write it into the timeline as evidence, with a link back'));
      li.append(actions);
      list.append(li);
    }
    section.append(list);
    return section;
  }

  function setZoom(z, keepFocus) {
    zoom = Math.min(64, Math.max(1, z));
    save();
    if (last) render(last);
    if (keepFocus) {
      const s = root.querySelector('.scroller');
      if (s) s.focus();
    }
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'state') {
      auto = m.auto || 0;
      render(m.state);
    }
    if (m.type === 'refreshing') {
      refreshing = !!m.on;
      document.body.classList.toggle('loading', refreshing);
      if (last) {
        const focused = document.activeElement && document.activeElement.classList.contains('refresh');
        render(last);
        const b = focused && root.querySelector('button.refresh');
        if (b) b.focus();
      }
    }
  });
  root.append(el('p', 'empty', 'Reading the sources…'));
  vscode.postMessage({ type: 'ready' });
})();
