// looplab live page: draws what /live/stream pushes. No library: an SVG line per loop and one
// rectangle per call are all it needs, and the page must stay light enough to leave open.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var WINDOW_MS = 60000;
  var COLORS = ['#4a7fd4', '#d9534f', '#2e9e6b', '#e69500', '#8e5bd0', '#3aa3b5', '#c2577f', '#6d7d2b'];
  var lag = [];          // [{t, lag: {loop: ms}}], oldest first
  var loopColors = {};
  var episodes = [];     // newest first
  var run = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function colorOf(loop) {
    if (!loopColors[loop]) { loopColors[loop] = COLORS[Object.keys(loopColors).length % COLORS.length]; }
    return loopColors[loop];
  }
  function ms(v) { return v >= 1000 ? (v / 1000).toFixed(2) + ' s' : Math.round(v) + ' ms'; }
  function text(tag, cls, value) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    node.textContent = value;
    return node;
  }

  // ---- the stream
  var source = new EventSource('/live/stream');
  source.onopen = function () { status('open', 'live'); };
  source.onerror = function () { status('closed', 'stream lost; reconnecting…'); };
  source.addEventListener('history', function (e) {
    var h = JSON.parse(e.data);
    lag = h.lag;
    episodes = h.episodes;
    run = h.experiment;
    drawLag(); drawEpisodes(); drawRun();
  });
  source.addEventListener('snapshot', function (e) {
    var s = JSON.parse(e.data);
    lag.push({ t: s.t, lag: s.lag });
    while (lag.length && lag[0].t < s.t - WINDOW_MS) { lag.shift(); }
    if (s.episodes.length) { episodes = s.episodes.concat(episodes).slice(0, 20); drawEpisodes(); }
    if (s.experiment) { run = s.experiment; drawRun(); }
    $('experiment-panel').setAttribute('data-running', s.experiment_running);
    status('open', 'live · ' + s.pages + ' page(s) open · ' + new Date(s.t).toLocaleTimeString());
    drawLag(); drawLoops(s.loops); drawWorkers(s.workers);
  });
  window.addEventListener('pagehide', function () { source.close(); });

  function status(state, message) {
    $('status').setAttribute('data-state', state);
    $('status').textContent = message;
  }

  // ---- event loops: a line per loop over the last minute, then a card per loop
  function drawLag() {
    var svg = $('lag-chart'), W = 720, H = 160, left = 44, bottom = 18;
    var now = lag.length ? lag[lag.length - 1].t : Date.now();
    var top = 100;
    lag.forEach(function (p) { Object.keys(p.lag).forEach(function (k) { top = Math.max(top, p.lag[k]); }); });
    top = niceCeil(top);
    svg.textContent = '';
    [0, top / 2, top].forEach(function (v) {
      var y = H - bottom - (H - bottom - 8) * v / top;
      svg.appendChild(el('line', { x1: left, x2: W, y1: y, y2: y, 'class': 'axis' }));
      svg.appendChild(el('text', { x: left - 4, y: y + 3, 'text-anchor': 'end', 'class': 'axis-label' }, ms(v)));
    });
    [60, 45, 30, 15, 0].forEach(function (s) {
      var x = left + (W - left) * (1 - s / 60);
      svg.appendChild(el('text', { x: x, y: H - 4, 'text-anchor': s === 0 ? 'end' : 'middle', 'class': 'axis-label' }, s ? '-' + s + ' s' : 'now'));
    });
    var loops = {};
    lag.forEach(function (p) { Object.keys(p.lag).forEach(function (k) { (loops[k] = loops[k] || []).push(p); }); });
    Object.keys(loops).sort().forEach(function (loop) {
      var points = loops[loop].map(function (p) {
        var x = left + (W - left) * (1 - (now - p.t) / WINDOW_MS);
        var y = H - bottom - (H - bottom - 8) * Math.min(p.lag[loop], top) / top;
        return x.toFixed(1) + ',' + y.toFixed(1);
      });
      svg.appendChild(el('polyline', { points: points.join(' '), fill: 'none', stroke: colorOf(loop), 'stroke-width': 1.5, 'data-loop': loop }));
    });
  }
  function niceCeil(v) {
    var steps = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 60000];
    for (var i = 0; i < steps.length; i++) { if (v <= steps[i]) { return steps[i]; } }
    return v;
  }

  function drawLoops(loops) {
    var box = $('loops');
    box.textContent = '';
    if (!loops.length) { box.appendChild(text('p', 'free', 'no event loop is watched: the server runs with --instrumentation off')); }
    loops.forEach(function (loop) {
      var card = document.createElement('div');
      card.className = 'loop';
      card.style.setProperty('--c', colorOf(loop.thread));
      card.setAttribute('data-thread', loop.thread);
      card.appendChild(text('span', 'lag', 'lag ' + ms(loop.lag_ms)));
      card.appendChild(text('div', 'name', loop.thread));
      card.appendChild(loop.route
        ? text('div', 'busy', 'running ' + loop.route + ' (request ' + loop.request_id + ') for ' + ms(loop.running_ms))
        : text('div', 'free', 'free'));
      var flying = Object.keys(loop.in_flight).map(function (r) { return r + ' ' + loop.in_flight[r]; });
      card.appendChild(text('div', 'in-flight', 'in flight: ' + (flying.length ? flying.join(', ') : 'none')));
      box.appendChild(card);
    });
  }

  function drawWorkers(w) {
    $('workers-active').textContent = w.active;
    $('workers-queued').textContent = w.queued;
  }

  // ---- blocked episodes, newest first
  function drawEpisodes() {
    var list = $('episodes');
    list.textContent = '';
    if (!episodes.length) { list.appendChild(text('li', 'none', 'none yet')); return; }
    episodes.forEach(function (e) {
      var item = document.createElement('li');
      item.className = 'episode';
      item.setAttribute('data-route', e.route);
      item.appendChild(text('span', 'ms', (e.so_far ? '≥ ' : '') + ms(e.blocked_ms)));
      item.appendChild(text('span', 'route', e.route));
      item.appendChild(document.createTextNode(' request ' + e.request_id + ' on ' + e.thread
        + ' at ' + new Date(e.at).toLocaleTimeString() + (e.during_gc ? ' (explained by a GC pause)' : '')));
      var where = (e.top_frame ? [e.top_frame] : []).concat(e.frames);
      if (where.length) { item.appendChild(text('code', '', where.join('\n  ← '))); }
      list.appendChild(item);
    });
  }

  // ---- the experiment: one bar per call, one lane per server thread
  function drawRun() {
    var panel = $('experiment-panel');
    panel.setAttribute('data-state', run ? run.state : 'idle');
    if (!run) { return; }
    panel.setAttribute('data-run', run.id);
    var bars = run.bars, lanes = {}, laneNames = [];
    bars.forEach(function (b) {
      var lane = b.end_ms === undefined ? 'in flight' : b.lane;
      if (!lanes[lane]) { lanes[lane] = []; laneNames.push(lane); }
      lanes[lane].push(b);
    });
    laneNames.sort(function (a, b) { return (a === 'in flight') - (b === 'in flight') || a.localeCompare(b); });
    var span = Math.max(run.elapsed_ms, run.predicted_ms || 0, 1);
    var W = 720, left = 170, row = 12, header = 14, axis = 18, y = 4, svg = $('timeline');
    var height = axis + laneNames.reduce(function (h, l) { return h + header + lanes[l].length * row + 6; }, 8);
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + height);
    svg.style.height = height + 'px';
    svg.textContent = '';
    function x(t) { return left + (W - left - 8) * t / span; }
    laneNames.forEach(function (lane) {
      svg.appendChild(el('text', { x: 4, y: y + 10, 'class': 'lane-label' }, lane));
      svg.appendChild(el('line', { x1: 0, x2: W, y1: y, y2: y, 'class': 'lane-line' }));
      y += header;
      // within a lane, in the order the calls ended: a loop that serves one call at a time draws a staircase
      lanes[lane].sort(function (a, b) { return (a.end_ms || span) - (b.end_ms || span) || a.i - b.i; });
      lanes[lane].forEach(function (b) {
        var end = b.end_ms === undefined ? run.elapsed_ms : b.end_ms;
        var failed = b.status && b.status !== '200';
        var rect = el('rect', { x: x(b.start_ms), y: y, width: Math.max(1, x(end) - x(b.start_ms)), height: row - 3,
          'class': 'bar' + (b.end_ms === undefined ? ' flying' : failed ? ' failed' : ''),
          'data-index': b.i, 'data-start': b.start_ms, 'data-lane': lane });
        if (b.end_ms !== undefined) { rect.setAttribute('data-end', b.end_ms); }
        rect.appendChild(el('title', {}, 'call ' + b.i + ': ' + ms(b.start_ms) + ' → ' + ms(end)
          + (b.request_id ? ' · request ' + b.request_id : '') + (b.status ? ' · ' + b.status : '')));
        svg.appendChild(rect);
        y += row;
      });
      y += 6;
    });
    if (run.predicted_ms !== undefined) {
      svg.appendChild(el('line', { x1: x(run.predicted_ms), x2: x(run.predicted_ms), y1: 0, y2: y, 'class': 'predicted' }));
    }
    [0, span / 2, span].forEach(function (t, i) {
      svg.appendChild(el('text', { x: x(t), y: height - 4, 'text-anchor': ['start', 'middle', 'end'][i], 'class': 'axis-label' }, ms(t)));
    });
    var ended = bars.filter(function (b) { return b.end_ms !== undefined; }).length;
    var what = run.calls + ' × ' + run.path + ' (' + run.mode + ')';
    var summary = run.state === 'done'
      ? what + ': measured ' + ms(run.measured_ms) + (run.predicted_ms !== undefined
        ? ' · predicted ' + ms(run.predicted_ms) + ' · ' + run.verdict : '')
      : run.state === 'failed' ? what + ': failed: ' + run.error
      : what + ': ' + ended + '/' + run.calls + ' answered, ' + ms(run.elapsed_ms);
    $('run-summary').textContent = summary;
    $('reasoning').textContent = run.reasoning || '';
  }

  // ---- the form: the server checks the values; its message is shown as it is
  $('experiment-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var form = e.target, message = $('form-message');
    var body = { route: form.route.value, calls: form.calls.value, mode: form.mode.value, task_ms: form.task_ms.value };
    message.textContent = '';
    fetch('/live/experiments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); })
      .then(function (answer) {
        if (answer.status !== 202) { message.textContent = answer.body.detail || ('refused: ' + answer.status); }
      })
      .catch(function (err) { message.textContent = 'could not reach the server: ' + err.message; });
  });
})();
