// Draws the dashboard from the reporting API. After each chart has drawn, its element gets
// data-rendered="true" and data-labels (its category labels), which the browser test reads.
(function () {
  'use strict';
  const api = '/api/v1/reports/';
  const get = (path) => fetch(api + path, { headers: { Accept: 'application/json' } }).then((r) => r.json());
  const round = (x) => Math.round(x * 10) / 10;

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

  get('overview').then((o) => {
    document.getElementById('kpi').textContent = o.nps.map((w) =>
      `${w.window}: NPS ${round(w.nps)} ±${round(w.marginOfError)} (n=${w.n})`).join('   ·   ') + `   ·   open cases: ${o.openCases}`;
  });

  get('trend?granularity=week').then((points) => {
    const labels = points.map((p) => p.from);
    draw('trend', labels, {
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45 } },
      yAxis: { type: 'value', min: -100, max: 100, name: 'NPS' },
      series: [
        { type: 'line', name: 'NPS', data: points.map((p) => (p.n ? round(p.nps) : null)), z: 2, symbolSize: 6 },
        errorBars('95% margin', points.map((p, i) => (p.n ? [i, p.nps - p.marginOfError, p.nps + p.marginOfError] : [i, null, null])))
      ]
    });
  });

  get('segments').then((report) => {
    const rows = report.segments;
    const labels = rows.map((s) => `${s.dimension}: ${s.segment}`);
    draw('segments', labels, {
      tooltip: {},
      grid: { left: 130, right: 20, top: 20, bottom: 30 },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 10 } },
      xAxis: { type: 'value', name: 'NPS' },
      series: [
        { type: 'bar', name: 'NPS', data: rows.map((s) => ({ value: round(s.nps), itemStyle: { color: s.significant ? '#d9534f' : '#5b8def' } })) },
        { type: 'line', name: 'overall', data: rows.map(() => round(report.overall.nps)), symbol: 'none', lineStyle: { type: 'dashed', color: '#333' } }
      ]
    });
  });

  get('followup').then((f) => {
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

  get('root-causes').then((r) => {
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

  get('experiments').then((r) => {
    const labels = r.arms.map((a) => `${a.rootCause} / ${a.arm}`);
    draw('experiments', labels, {
      tooltip: {},
      grid: { left: 60, right: 20, top: 20, bottom: 90 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 40, fontSize: 10 } },
      yAxis: { type: 'value', name: 'conversion %', max: 100 },
      series: [
        { type: 'bar', name: 'conversion', data: r.arms.map((a) => ({ value: round(a.conversionRate * 100), itemStyle: { color: a.control ? '#999' : (a.significant ? '#d9534f' : '#5b8def') } })) },
        errorBars('95% Wilson', r.arms.map((a, i) => [i, a.lower95 * 100, a.upper95 * 100]))
      ]
    });
  });

  get('themes').then((r) => {
    const labels = r.current.map((t) => t.theme);
    draw('themes', labels, {
      tooltip: {},
      legend: { top: 0, right: 10, textStyle: { fontSize: 10 } },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', name: 'impact (NPS points)', nameLocation: 'middle', nameGap: 35 },
      series: [
        { type: 'bar', name: 'impact ' + r.month, data: r.current.map((t) => round(t.impact)) },
        { type: 'bar', name: 'impact ' + r.previousMonth, data: r.previous.map((t) => round(t.impact)) },
        errorBars('95% margin', r.current.map((t, i) => [i, t.impact - t.impactMarginOfError, t.impact + t.impactMarginOfError]))
      ]
    });
  });
})();
