// The ModelSweep console and report. One script for both: the console fetches its data from the
// JSON API of ConsoleServer and refreshes while a sweep runs; a report (modelsweep report) carries
// one view in window.MODELSWEEP_REPORT, every trial's curves included, and draws it once.
(function () {
  'use strict';

  const REPORT = window.MODELSWEEP_REPORT || null;
  const REFRESH_MS = 2000;
  const main = document.getElementById('main');
  let charts = {};
  let timer = null;
  /** Trials whose curves are shown, by view id. */
  const selected = {};
  const curveCache = {};
  /** Views whose shown trials the user picked. */
  const picked = {};

  const COLORS = { pending: '#9aa3ad', waiting: '#e0a030', running: '#2f6fdf', completed: '#2e9e4f',
    failed: '#c62828', stopped: '#8e63c7', infeasible: '#e07b30', paused: '#e0a030' };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'onclick') node.addEventListener('click', v);
      else if (v !== null && v !== undefined) node.setAttribute(k, v);
    });
    children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  async function getJson(url, options) {
    const response = await fetch(url, options);
    const body = await response.json();
    if (!response.ok && !body.problems) throw new Error(body.error || response.statusText);
    return { ok: response.ok, status: response.status, body };
  }

  function fmt(v) {
    if (v === null || v === undefined || Number.isNaN(v)) return '-';
    if (typeof v === 'number') return Math.abs(v) >= 1000 || Number.isInteger(v) ? String(Math.round(v * 10000) / 10000) : v.toPrecision(4);
    return String(v);
  }

  function chart(id) {
    const node = document.getElementById(id);
    if (!node) return null;
    if (!charts[id] || charts[id].getDom() !== node) charts[id] = echarts.init(node);
    return charts[id];
  }

  function reset() {
    clearTimeout(timer);
    Object.values(charts).forEach(c => c.dispose());
    charts = {};
    main.replaceChildren();
  }

  // ---- routing -----------------------------------------------------------------------------

  function route() {
    reset();
    if (REPORT) return drawView(REPORT, true);
    const hash = location.hash.replace(/^#\/?/, '');
    if (hash.startsWith('view/')) return showView(decodeURIComponent(hash.substring(5)));
    if (hash === 'new') return showNew();
    return showList();
  }

  // ---- sweeps and pipelines ------------------------------------------------------------------

  async function showList() {
    main.append(el('h1', {}, 'Sweeps and pipelines'), el('div', { id: 'list' }, 'loading ...'));
    const refresh = async () => {
      try {
        const { body } = await getJson('api/sweeps');
        const rows = body.map(s => el('tr', { class: 'clickable', 'data-id': s.id,
          onclick: () => { location.hash = '#/view/' + encodeURIComponent(s.id); } },
        el('td', {}, s.id), el('td', {}, s.kind), el('td', { class: 'state', style: 'color:' + (COLORS[s.state] || '#1d2733') }, s.state),
        el('td', {}, s.strategy || '-'), el('td', {}, s.trialsDone ?? '-'),
        el('td', {}, s.best === null || s.best === undefined ? '-' : s.metric + ' ' + fmt(s.best)),
        el('td', {}, (s.started || '').replace('T', ' ').replace(/\..*$/, ''))));
        const table = el('table', { id: 'sweeps' },
          el('tr', {}, ['id', 'kind', 'state', 'strategy', 'trials', 'best', 'started'].map(h => el('th', {}, h))), rows);
        document.getElementById('list')?.replaceChildren(body.length ? table : el('p', {}, 'No sweeps yet: start one.'));
      } catch (e) {
        document.getElementById('list')?.replaceChildren(el('p', { class: 'error' }, 'cannot list: ' + e.message));
      }
      timer = setTimeout(refresh, REFRESH_MS * 2);
    };
    refresh();
  }

  async function showView(id) {
    main.append(el('p', {}, 'loading ' + id + ' ...'));
    const refresh = async () => {
      try {
        const { body } = await getJson('api/view?id=' + encodeURIComponent(id));
        await drawView(body, false);
        if (body.status === 'running' || body.status === 'paused') timer = setTimeout(refresh, REFRESH_MS);
      } catch (e) {
        main.replaceChildren(el('p', { class: 'error' }, 'cannot show ' + id + ': ' + e.message));
      }
    };
    refresh();
  }

  /** Builds the page skeleton once per view, then (re)draws its parts. */
  async function drawView(view, isReport) {
    if (!document.getElementById('view') || document.getElementById('view').dataset.id !== view.id) {
      main.replaceChildren(view.kind === 'pipeline' ? pipelineSkeleton(view, isReport) : sweepSkeleton(view, isReport));
    }
    document.getElementById('view-status').textContent = view.status + (view.failure ? ': ' + view.failure : '');
    document.getElementById('view-status').style.color = COLORS[view.status] || '#1d2733';
    if (view.kind === 'pipeline') return drawStages(view);
    drawProgress(view);
    drawLeaderboard(view);
    await drawCurves(view);
    drawHistory(view);
    drawParallel(view);
    drawImportance(view);
    drawPareto(view);
  }

  function sweepSkeleton(view, isReport) {
    const multi = view.objectives.length > 1;
    return el('div', { id: 'view', 'data-id': view.id },
      el('h1', {}, 'Sweep ', view.id, ' ', el('span', { id: 'view-status', class: 'state' })),
      el('p', { id: 'progress', class: 'note' }),
      isReport ? '' : el('div', { class: 'actions' },
        ['pause', 'resume', 'stop'].map(a => el('button', { id: 'action-' + a, onclick: () => control(view.id, a) }, a)),
        el('span', { id: 'action-result', class: 'note' })),
      el('h2', {}, 'Leaderboard'),
      el('p', { class: 'note' }, isReport ? '' : 'Click trials to show their curves.'),
      el('div', { id: 'leaderboard' }),
      el('h2', {}, 'Learning curves'),
      el('p', { class: 'note' }, 'Train loss (left axis, solid) and validation accuracy (right axis, dotted) by epoch; a trial stopped early ends in a pin.'),
      el('div', { id: 'chart-curves', class: 'chart' }),
      el('div', { class: 'grid' },
        el('div', {}, el('h2', {}, 'Optimization history'), el('div', { id: 'chart-history', class: 'chart' })),
        el('div', {}, el('h2', {}, 'Parameter importance'),
          el('p', { class: 'note' }, 'Share of the objective\'s variance each parameter explains alone (first-order fANOVA, binned; see the README).'),
          el('div', { id: 'chart-importance', class: 'chart' }))),
      el('h2', {}, 'Parallel coordinates'),
      el('div', { id: 'chart-parallel', class: 'chart' }),
      multi ? el('div', {}, el('h2', {}, 'Pareto front'), el('div', { id: 'chart-pareto', class: 'chart' })) : '');
  }

  function pipelineSkeleton(view, isReport) {
    return el('div', { id: 'view', 'data-id': view.id },
      el('h1', {}, 'Pipeline ', view.id, ' ', el('span', { id: 'view-status', class: 'state' })),
      el('div', { id: 'gate-actions', class: 'actions' }),
      el('p', { id: 'gate-result', class: 'note' }),
      el('h2', {}, 'Stages'),
      el('p', { class: 'note' }, isReport ? '' : 'Click a sweep stage to open its sweep.'),
      el('div', { id: 'chart-stages', class: 'chart' }),
      el('div', { id: 'stage-table' }));
  }

  function objective(view) {
    if (view.objectives.length) return view.objectives[0];
    return { name: (view.progress && view.progress.metric) || 'val_accuracy', direction: 'maximize' };
  }

  function drawProgress(view) {
    const p = view.progress;
    document.getElementById('progress').textContent = p
      ? `${p.completed}/${p.planned} trials ended, ${p.failed} failed, running: ${p.running.join(' ') || 'none'}`
      : `${view.trials.length} trials`;
  }

  async function control(id, action) {
    const out = document.getElementById('action-result');
    try {
      const { ok, body } = await getJson(`api/control?id=${encodeURIComponent(id)}&action=${action}`, { method: 'POST' });
      out.textContent = ok ? action + ': ' + body.state : body.error;
    } catch (e) {
      out.textContent = e.message;
    }
    clearTimeout(timer);
    showViewRefreshSoon(id);
  }

  function showViewRefreshSoon(id) {
    timer = setTimeout(async () => {
      const { body } = await getJson('api/view?id=' + encodeURIComponent(id));
      await drawView(body, false);
      if (body.status === 'running' || body.status === 'paused') showViewRefreshSoon(id);
    }, 300);
  }

  // ---- leaderboard and curves ------------------------------------------------------------------

  /** The trials whose curves are shown: the best few, until the user picks some. */
  function selection(view) {
    if (!picked[view.id]) selected[view.id] = new Set(view.trials.slice(0, REPORT ? 20 : 3).map(t => t.id));
    return selected[view.id];
  }

  function drawLeaderboard(view) {
    const metrics = view.objectives.length ? view.objectives.map(o => o.name) : [objective(view).name];
    const shown = metrics.concat(['test_accuracy', 'params', 'epochs'].filter(m => !metrics.includes(m)));
    const chosen = selection(view);
    const rows = view.trials.map((t, i) => el('tr', {
      class: 'clickable' + (chosen.has(t.id) ? ' selected' : ''), 'data-trial': t.id,
      onclick: REPORT ? null : () => toggle(view, t.id)
    },
    el('td', {}, (i + 1) + (view.paretoFront.includes(t.id) ? '*' : '')), el('td', {}, t.id),
    el('td', { style: 'color:' + (COLORS[t.status] || '#1d2733') }, t.status),
    shown.map(m => el('td', {}, fmt(t.metrics[m]))),
    el('td', {}, Object.entries(t.params).map(([k, v]) => k + '=' + fmt(v)).join(' ')),
    el('td', { class: 'note' }, t.failure || '')));
    document.getElementById('leaderboard').replaceChildren(el('table', { id: 'leaderboard-table' },
      el('tr', {}, ['rank', 'trial', 'status'].concat(shown, ['searched', 'note']).map(h => el('th', {}, h))), rows));
  }

  /** Shows or hides a trial's curves; the leaderboard marks the trials shown. */
  function toggle(view, trialId) {
    const chosen = selection(view);
    picked[view.id] = true;
    if (chosen.has(trialId)) chosen.delete(trialId); else chosen.add(trialId);
    document.querySelectorAll('#leaderboard-table tr[data-trial]').forEach(row =>
      row.classList.toggle('selected', chosen.has(row.dataset.trial)));
    drawCurves(view);
  }

  async function curvesOf(view, trialId) {
    if (view.curves && view.curves[trialId]) return view.curves[trialId];
    const key = view.id + '/' + trialId;
    const finished = view.trials.some(t => t.id === trialId);
    if (finished && curveCache[key]) return curveCache[key];
    const { body } = await getJson(`api/curves?id=${encodeURIComponent(view.id)}&trial=${encodeURIComponent(trialId)}`);
    if (finished) curveCache[key] = body;
    return body;
  }

  /** Counts calls of drawCurves: one that a later call overtook while it fetched draws nothing. */
  let curvesDrawn = 0;

  async function drawCurves(view) {
    const call = ++curvesDrawn;
    const ids = [...selection(view)];
    const series = [];
    for (const id of ids) {
      const points = await curvesOf(view, id);
      if (call !== curvesDrawn) return;
      const trial = view.trials.find(t => t.id === id);
      const stopped = trial && trial.status === 'stopped';
      const last = points[points.length - 1];
      series.push({ name: id + ' train_loss', type: 'line', yAxisIndex: 0, showSymbol: false,
        data: points.map(p => [p.epoch, p.trainLoss]),
        markPoint: stopped && last ? { symbol: 'pin', symbolSize: 28, label: { formatter: 'stop' },
          data: [{ name: 'stopped', coord: [last.epoch, last.trainLoss] }] } : undefined });
      series.push({ name: id + ' val_accuracy', type: 'line', yAxisIndex: 1, showSymbol: false,
        lineStyle: { type: 'dotted' }, data: points.map(p => [p.epoch, p.valAccuracy]) });
    }
    chart('chart-curves')?.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 },
      grid: { top: 40, left: 50, right: 50, bottom: 30 },
      xAxis: { type: 'value', name: 'epoch', minInterval: 1 },
      yAxis: [{ type: 'value', name: 'train_loss' }, { type: 'value', name: 'val_accuracy', min: 0, max: 1 }],
      series }, true);
  }

  // ---- optimization history, parallel coordinates, importance, Pareto -------------------------------

  function scored(view) {
    const o = objective(view);
    return view.trials.filter(t => t.status !== 'failed' && typeof t.metrics[o.name] === 'number')
      .sort((a, b) => a.index - b.index);
  }

  function drawHistory(view) {
    const o = objective(view);
    const trials = scored(view);
    let best = null;
    const bestSoFar = trials.map(t => {
      const v = t.metrics[o.name];
      if (best === null || (o.direction === 'maximize' ? v > best : v < best)) best = v;
      return [t.index, best];
    });
    chart('chart-history')?.setOption({
      animation: false, tooltip: { trigger: 'item' }, legend: { top: 0 },
      grid: { top: 40, left: 60, right: 20, bottom: 40 },
      xAxis: { type: 'value', name: 'trial', minInterval: 1 }, yAxis: { type: 'value', name: o.name, scale: true },
      series: [
        { name: o.name, type: 'scatter', data: trials.map(t => [t.index, t.metrics[o.name], t.id]),
          itemStyle: { color: '#2f6fdf' } },
        { name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: bestSoFar, itemStyle: { color: '#c62828' } }] }, true);
  }

  function drawParallel(view) {
    const o = objective(view);
    const trials = scored(view);
    const names = [...new Set(trials.flatMap(t => Object.keys(t.params)))];
    const axes = names.map((name, dim) => {
      const values = trials.map(t => t.params[name]);
      const numeric = values.every(v => typeof v === 'number');
      return numeric ? { dim, name, type: 'value', scale: true }
        : { dim, name, type: 'category', data: [...new Set(values.map(v => v === undefined ? '-' : String(v)))] };
    });
    axes.push({ dim: names.length, name: o.name, type: 'value', scale: true });
    const data = trials.map(t => names.map((n, i) => axes[i].type === 'category'
      ? (t.params[n] === undefined ? '-' : String(t.params[n])) : t.params[n]).concat([t.metrics[o.name]]));
    chart('chart-parallel')?.setOption({
      animation: false, parallelAxis: axes, parallel: { left: 60, right: 80, top: 50, bottom: 30 },
      visualMap: { type: 'continuous', dimension: names.length, show: false,
        min: Math.min(...data.map(d => d[names.length])), max: Math.max(...data.map(d => d[names.length])),
        inRange: { color: o.direction === 'maximize' ? ['#d0d6de', '#2f6fdf'] : ['#2f6fdf', '#d0d6de'] } },
      series: [{ type: 'parallel', lineStyle: { width: 2, opacity: 0.7 }, data }] }, true);
  }

  function drawImportance(view) {
    const scores = [...view.importance].reverse();
    chart('chart-importance')?.setOption({
      animation: false, tooltip: {}, grid: { top: 20, left: 160, right: 30, bottom: 30 },
      xAxis: { type: 'value', name: 'importance', max: 1 },
      yAxis: { type: 'category', data: scores.map(s => s.parameter) },
      series: [{ type: 'bar', data: scores.map(s => Math.round(s.importance * 1000) / 1000), itemStyle: { color: '#2e9e4f' },
        label: { show: true, position: 'right' } }] }, true);
  }

  function drawPareto(view) {
    if (view.objectives.length < 2) return;
    const [a, b] = view.objectives;
    const trials = view.trials.filter(t => typeof t.metrics[a.name] === 'number' && typeof t.metrics[b.name] === 'number');
    const front = trials.filter(t => view.paretoFront.includes(t.id)).sort((x, y) => x.metrics[a.name] - y.metrics[a.name]);
    chart('chart-pareto')?.setOption({
      animation: false, tooltip: { trigger: 'item', formatter: p => p.data[2] }, legend: { top: 0 },
      grid: { top: 40, left: 70, right: 30, bottom: 40 },
      xAxis: { type: 'value', name: a.name + ' (' + a.direction + ')', scale: true },
      yAxis: { type: 'value', name: b.name + ' (' + b.direction + ')', scale: true },
      series: [
        { name: 'trials', type: 'scatter', data: trials.filter(t => !view.paretoFront.includes(t.id)).map(t => [t.metrics[a.name], t.metrics[b.name], t.id]), itemStyle: { color: '#9aa3ad' } },
        { name: 'Pareto front', type: 'line', symbolSize: 9, data: front.map(t => [t.metrics[a.name], t.metrics[b.name], t.id]), itemStyle: { color: '#c62828' } }] }, true);
  }

  // ---- pipelines -------------------------------------------------------------------------------

  function drawStages(view) {
    const depth = {};
    const depthOf = s => depth[s.id] ?? (depth[s.id] = 1 + Math.max(-1, ...s.dependsOn.map(d => {
      const dep = view.stages.find(x => x.id === d);
      return dep ? depthOf(dep) : -1;
    })));
    view.stages.forEach(depthOf);
    const row = {};
    const nodes = view.stages.map(s => {
      const level = depth[s.id];
      row[level] = (row[level] || 0) + 1;
      return { name: s.id, x: level * 220, y: row[level] * 110, symbolSize: 70, value: s.status,
        itemStyle: { color: COLORS[s.status] || '#9aa3ad' },
        label: { show: true, formatter: `${s.id}\n${s.operator}\n${s.status}` } };
    });
    const links = view.stages.flatMap(s => s.dependsOn.map(d => ({ source: d, target: s.id })));
    const graph = chart('chart-stages');
    graph?.setOption({ animation: false, tooltip: {},
      series: [{ type: 'graph', layout: 'none', roam: true, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 10,
        data: nodes, links, lineStyle: { width: 2 } }] }, true);
    if (graph && !REPORT) {
      graph.off('click');
      graph.on('click', p => {
        const stage = view.stages.find(s => s.id === p.name);
        if (stage && ['sweep', 'train', 'finetune', 'distill'].includes(stage.operator) && stage.status !== 'pending') {
          location.hash = '#/view/' + encodeURIComponent(view.id + '/' + stage.id);
        }
      });
    }
    if (!REPORT) drawGateActions(view);
    document.getElementById('stage-table').replaceChildren(el('table', {},
      el('tr', {}, ['stage', 'operator', 'status', 'models', 'best model / reason'].map(h => el('th', {}, h))),
      view.stages.map(s => el('tr', {}, el('td', {}, s.id), el('td', {}, s.operator),
        el('td', { style: 'color:' + (COLORS[s.status] || '#1d2733') }, s.status), el('td', {}, s.models.length),
        el('td', {}, s.reason || (s.models[0] ? s.models[0].key : ''))))));
  }

  /**
   * Approve and reject buttons for each gate that waits for a person, with a field for the reason;
   * redrawn only when the set of waiting gates changes, so a reason being typed survives refreshes.
   */
  function drawGateActions(view) {
    const box = document.getElementById('gate-actions');
    const waiting = view.stages.filter(s => s.operator === 'gate' && s.status === 'waiting');
    const key = waiting.map(s => s.id).join(',');
    if (box.dataset.gates === key) return;
    box.dataset.gates = key;
    box.replaceChildren(...waiting.map(s => el('div', { class: 'gate', 'data-stage': s.id },
      el('strong', {}, 'Gate ' + s.id + ' waits: '), el('span', { class: 'note' }, s.reason || ''), ' ',
      el('button', { id: 'gate-approve-' + s.id, onclick: () => decideGate(view.id, s.id, 'approve') }, 'approve'),
      el('input', { id: 'gate-reason-' + s.id, placeholder: 'reason (for reject)', size: 30 }),
      el('button', { id: 'gate-reject-' + s.id, onclick: () => decideGate(view.id, s.id, 'reject') }, 'reject'))));
  }

  async function decideGate(id, stage, decision) {
    const out = document.getElementById('gate-result');
    const reason = (document.getElementById('gate-reason-' + stage) || {}).value || '';
    const query = `id=${encodeURIComponent(id)}&stage=${encodeURIComponent(stage)}&decision=${decision}`
      + (decision === 'reject' && reason ? '&reason=' + encodeURIComponent(reason) : '');
    try {
      const { ok, body } = await getJson('api/gate?' + query, { method: 'POST' });
      out.textContent = ok ? 'gate ' + stage + ': ' + body.decision + (decision === 'approve' ? 'd' : 'ed') : body.error;
    } catch (e) {
      out.textContent = e.message;
    }
    clearTimeout(timer);
    showViewRefreshSoon(id);
  }

  // ---- start -----------------------------------------------------------------------------------

  const EXAMPLE = JSON.stringify({
    name: 'iris-console', seed: 1, dataset: 'iris', model: { family: 'mlp', width: 16 },
    training: { epochs: 20, batchSize: 16 }, optimizer: { type: 'adam', learningRate: 0.01 },
    search: { strategy: 'random', trials: 8, space: {
      'model.width': { type: 'choice', values: [8, 16, 32] },
      'optimizer.learningRate': { type: 'float', min: 0.001, max: 0.1, log: true } } }
  }, null, 2);

  function showNew() {
    main.append(el('h1', {}, 'Start a sweep or a pipeline'),
      el('p', { class: 'note' }, 'A sweep spec or a pipeline document (one with "stages"), checked against the published schema (',
        el('a', { href: 'api/schema?kind=sweep' }, 'sweep'), ', ', el('a', { href: 'api/schema?kind=pipeline' }, 'pipeline'),
        ') and every rule before it starts.'),
      el('textarea', { id: 'editor', spellcheck: 'false' }),
      el('div', { class: 'actions' }, el('button', { id: 'start', onclick: start }, 'Start')),
      el('ul', { id: 'problems' }));
    document.getElementById('editor').value = EXAMPLE;
  }

  async function start() {
    const problems = document.getElementById('problems');
    problems.replaceChildren();
    try {
      const { ok, body } = await getJson('api/start', { method: 'POST', body: document.getElementById('editor').value,
        headers: { 'Content-Type': 'application/json' } });
      if (!ok) {
        problems.replaceChildren(...body.problems.map(p => el('li', { 'data-path': p.path }, p.path + ': ' + p.message)));
        return;
      }
      location.hash = '#/view/' + encodeURIComponent(body.id);
    } catch (e) {
      problems.replaceChildren(el('li', {}, e.message));
    }
  }

  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  route();
})();
