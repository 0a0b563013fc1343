// Draws the dashboard from the reporting API. After each chart has drawn, its element gets
// data-rendered="true" and data-labels (its category labels), which the browser test reads.
//
// The API needs a bearer token (analyst, lead or admin). The page takes one from the address's
// fragment (/dashboard#token=...): browsers never send a fragment to the server, so the token stays
// out of requests and access logs. It is kept in sessionStorage (this tab only, gone when the tab
// closes) and removed from the address bar at once. Without a token the requests go out
// bare, which works behind a proxy that adds the Authorization header itself; a 401 or 403 shows a
// form to paste a token instead of the charts.
(function () {
  'use strict';
  const api = '/api/v1/reports/';
  const tokenKey = 'nps-loop.reporting.token';
  const round = (x) => Math.round(x * 10) / 10;
  // Figures below the minimum sample size come with insufficient: true; they are drawn pale and
  // hollow, and their text says so, never as a confident number.
  const faint = '#c8cdd8';
  const interval = (f) => (f.lower == null ? 'no interval' : `95% ${round(f.lower)} to ${round(f.upper)}`);

  function storedToken() {
    try {
      return sessionStorage.getItem(tokenKey);
    } catch (e) {
      return null; // storage disabled: rely on a proxy, or on the form for this page view only
    }
  }

  let pastedToken = null;
  const token = () => storedToken() || pastedToken;

  function keepToken(value) {
    const t = value.trim().replace(/^Bearer\s+/i, '');
    if (!t) {
      return;
    }
    pastedToken = t;
    try {
      sessionStorage.setItem(tokenKey, t);
    } catch (e) {
      // kept in memory for this page view
    }
  }

  function takeTokenFromFragment() {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const t = fragment.get('token');
    if (t === null) {
      return;
    }
    keepToken(t);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(history.state, '', window.location.pathname + window.location.search + (rest ? '#' + rest : ''));
  }

  class ApiError extends Error {
    constructor(status, path) {
      super(`${path}: HTTP ${status}`);
      this.status = status;
    }
  }

  function get(path) {
    const headers = { Accept: 'application/json' };
    const t = token();
    if (t) {
      headers.Authorization = 'Bearer ' + t;
    }
    return fetch(api + path, { headers: headers, cache: 'no-store' }).then((r) => {
      if (!r.ok) {
        throw new ApiError(r.status, path);
      }
      return r.json();
    });
  }

  function askForToken(reason) {
    document.getElementById('charts').hidden = true;
    document.getElementById('kpi').textContent = 'sign-in needed';
    document.getElementById('token-reason').textContent = reason;
    document.getElementById('token-form').hidden = false;
  }

  function failed(error) {
    if (error instanceof ApiError && error.status === 401) {
      askForToken(token()
        ? 'The token was refused (expired, or not issued for this service). Paste a new one.'
        : 'These reports need a bearer token. Paste one, or open the page as /dashboard#token=<token>.');
    } else if (error instanceof ApiError && error.status === 403) {
      askForToken('This token may not read reports: it needs the role analyst, lead or admin. Paste another one.');
    } else {
      document.getElementById('kpi').textContent = 'could not load the reports (' + error.message + ')';
    }
  }

  // Draws one view; failures go to failed(), so a missing token shows the form instead of the charts.
  function show(path, render) {
    get(path).then(render).catch(failed);
  }

  function draw(id, labels, option) {
    const el = document.getElementById(id);
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.on('finished', () => {
      el.dataset.rendered = 'true';
      el.dataset.labels = labels.join('|');
    });
    chart.setOption(Object.assign({ animation: false, grid: { left: 60, right: 20, top: 30, bottom: 60 } }, option));
  }

  // Vertical error bars: a custom series drawing lower..upper at each x.
  function errorBars(name, data) {
    return {
      type: 'custom', name: name, data: data, z: 1,
      renderItem: (params, api) => {
        const x = api.value(0);
        const low = api.coord([x, api.value(1)]);
        const high = api.coord([x, api.value(2)]);
        const w = 4;
        const style = { stroke: '#8a94a8', lineWidth: 1.2 };
        return { type: 'group', children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
          { type: 'line', shape: { x1: low[0] - w, y1: low[1], x2: low[0] + w, y2: low[1] }, style: style },
          { type: 'line', shape: { x1: high[0] - w, y1: high[1], x2: high[0] + w, y2: high[1] }, style: style }] };
      }
    };
  }

  function load() {
    show('overview', (o) => {
      document.getElementById('kpi').textContent = o.nps.map((w) => (w.n === 0
        ? `${w.window}: no answers`
        : `${w.window}: NPS ${round(w.nps)} (${interval(w)}, n=${w.n}${w.insufficient ? ', insufficient' : ''})`))
        .join('   ·   ') + `   ·   open cases: ${o.openCases}`;
    });

    show('trend?granularity=week', (points) => {
      const labels = points.map((p) => p.from);
      draw('trend', labels, {
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45 } },
        yAxis: { type: 'value', min: -100, max: 100, name: 'NPS' },
        series: [
          { type: 'line', name: 'NPS', z: 2, symbolSize: 7,
            data: points.map((p) => (p.n ? { value: round(p.nps),
              symbol: p.insufficient ? 'emptyCircle' : (p.significantChange ? 'diamond' : 'circle'),
              itemStyle: { color: p.insufficient ? faint : (p.significantChange ? '#d9534f' : '#5b8def') } } : null)) },
          errorBars('95% interval', points.map((p, i) => (p.n ? [i, p.lower, p.upper] : [i, null, null])))
        ]
      });
    });

    show('segments', (report) => {
      const rows = report.segments;
      const labels = rows.map((s) => `${s.dimension}: ${s.segment}`);
      draw('segments', labels, {
        tooltip: {},
        grid: { left: 130, right: 20, top: 20, bottom: 30 },
        yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 10 } },
        xAxis: { type: 'value', name: 'NPS' },
        series: [
          { type: 'bar', name: 'NPS', data: rows.map((s) => ({ value: round(s.nps),
            itemStyle: s.insufficient ? { color: '#fff', borderColor: faint, borderType: 'dashed', borderWidth: 1 }
              : { color: s.significant ? '#d9534f' : '#5b8def' } })) },
          { type: 'line', name: 'overall', data: rows.map(() => round(report.overall.nps)), symbol: 'none', lineStyle: { type: 'dashed', color: '#333' } }
        ]
      });
    });

    show('followup', (f) => {
      const t = f.total;
      const labels = ['alerts', 'cases', 'contacted', 'resolved', 're-surveyed', 'to passive', 'to promoter'];
      const values = [t.alerts, t.cases, t.contacted, t.resolved, t.resurveyed, t.convertedToPassive, t.convertedToPromoter];
      draw('funnel', labels, {
        tooltip: {},
        title: { text: `SLA met ${Math.round(t.slaCompliance * 100)}% (n=${t.slaDue}) · median first contact ${t.medianSecondsToFirstContact == null ? '-' : Math.round(t.medianSecondsToFirstContact / 60) + ' min'}`, textStyle: { fontSize: 11 }, top: 0 },
        xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 30 } },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: values, label: { show: true, position: 'top' }, itemStyle: { color: '#2e8b57' } }]
      });
    });

    show('root-causes', (r) => {
      const labels = r.byCategory.map((c) => c.category);
      draw('pareto', labels, {
        tooltip: { trigger: 'axis' },
        grid: { left: 60, right: 60, top: 30, bottom: 60 },
        xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 30 } },
        yAxis: [{ type: 'value', name: 'cases' }, { type: 'value', name: 'cumulative %', max: 100 }],
        series: [
          { type: 'bar', name: 'cases', data: r.byCategory.map((c) => c.cases), itemStyle: { color: '#f0ad4e' } },
          { type: 'line', name: 'cumulative %', yAxisIndex: 1, data: r.byCategory.map((c) => round(c.cumulativeShare * 100)) }
        ]
      });
    });

    show('experiments', (r) => {
      const labels = r.arms.map((a) => `${a.rootCause} / ${a.arm}`);
      draw('experiments', labels, {
        tooltip: {},
        grid: { left: 60, right: 20, top: 20, bottom: 90 },
        xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 40, fontSize: 10 } },
        yAxis: { type: 'value', name: 'conversion %', max: 100 },
        series: [
          { type: 'bar', name: 'conversion', data: r.arms.map((a) => ({ value: round(a.conversionRate * 100),
            itemStyle: !a.largeEnough ? { color: '#fff', borderColor: faint, borderType: 'dashed', borderWidth: 1 }
              : { color: a.control ? '#999' : (a.significant ? '#d9534f' : '#5b8def') } })) },
          errorBars('95% Wilson', r.arms.map((a, i) => [i, a.lower95 * 100, a.upper95 * 100]))
        ]
      });
    });

    show('themes', (r) => {
      const labels = r.current.map((t) => t.theme);
      draw('themes', labels, {
        tooltip: {},
        legend: { top: 0, right: 10, textStyle: { fontSize: 10 } },
        grid: { left: 60, right: 20, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', name: 'impact (NPS points)', nameLocation: 'middle', nameGap: 35 },
        series: [
          { type: 'bar', name: 'impact ' + r.month, data: r.current.map((t) => (t.impact == null ? null : { value: round(t.impact),
            itemStyle: t.insufficient ? { color: '#fff', borderColor: faint, borderType: 'dashed', borderWidth: 1 }
              : (t.significant ? { color: '#d9534f' } : {}) })) },
          { type: 'bar', name: 'impact ' + r.previousMonth, data: r.previous.map((t) => (t.impact == null ? null : round(t.impact))) },
          errorBars('95% interval', r.current.map((t, i) => [i, t.impactLower, t.impactUpper]))
        ]
      });
    });

    show('churn', (r) => {
      const rows = r.byCategory;
      const labels = rows.map((g) => g.group);
      draw('churn', labels, {
        tooltip: {},
        legend: { top: 0, right: 10, textStyle: { fontSize: 10 } },
        grid: { left: 60, right: 20, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', name: 'churn %', max: 100 },
        series: [
          { type: 'bar', name: 'cancelled', data: rows.map((g) => (g.cancelledRate == null ? null : { value: round(g.cancelledRate * 100),
            itemStyle: g.insufficient ? { color: '#fff', borderColor: faint, borderType: 'dashed', borderWidth: 1 } : { color: '#d9534f' } })) },
          { type: 'bar', name: 'downgraded', data: rows.map((g) => (g.downgradedRate == null ? null : { value: round(g.downgradedRate * 100),
            itemStyle: g.insufficient ? { color: '#fff', borderColor: faint, borderType: 'dashed', borderWidth: 1 } : { color: '#f0ad4e' } })) },
          errorBars('95% Wilson (cancelled)', rows.map((g, i) => (g.cancelledRate == null ? [i, null, null]
            : [i, g.cancelledLower * 100, g.cancelledUpper * 100])))
        ]
      });
    });
  }

  function showForgetButton() {
    document.getElementById('forget-token').hidden = !token();
  }

  takeTokenFromFragment();
  showForgetButton();
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    keepToken(document.getElementById('token-input').value);
    document.getElementById('token-input').value = '';
    document.getElementById('token-form').hidden = true;
    document.getElementById('charts').hidden = false;
    document.getElementById('kpi').textContent = 'loading…';
    showForgetButton();
    load();
  });
  document.getElementById('forget-token').addEventListener('click', () => {
    try {
      sessionStorage.removeItem(tokenKey);
    } catch (e) {
      // nothing was stored
    }
    pastedToken = null;
    window.location.reload();
  });
  load();
})();
