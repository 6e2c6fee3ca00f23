// The what-if page of `fiscal-sim serve` (model.md §21). It uses only the JSON API; every string
// from the scenario reaches the page through textContent, never as HTML.

const TEXT = {
  en: {
    title: 'What if', start: 'Starting point', download: 'Download', save: 'Save scenario', resetAll: 'Reset all',
    levers: 'Levers', leversHint: 'Change a value: the projection re-runs at once. The link in the address bar keeps your changes.',
    summary: 'Summary', district: 'District', chartNet: 'Net revenue against the counterfactual',
    chartEffect: 'Reform effect by year', chartTools: 'Rebates, fees and donations by year',
    chartSelf: 'Self-sufficiency of each street in the last year', chartGap: 'Gap of each street in the last year (below 0: short of funds)',
    chartWaves: 'Adoption year of each street', mcTitle: 'Monte Carlo',
    mcHint: 'Runs the changed scenario over many random paths of tax growth as a job on the server.',
    paths: 'Paths', seed: 'Seed', mcStart: 'Start', mcCancel: 'Cancel', chartFan: 'Reform effect by year: median, p25–p75 and p05–p95',
    rangeTitle: 'Range view', rangeHint: 'One lever over a range (at most 50 points), with your other changes.',
    lever: 'Lever', from: 'From', to: 'To', points: 'Points', rangeRun: 'Draw',
    chartRange: 'Reform effect, capacity-binding years and streets with a gap against the lever',
    footer: 'fiscal-sim what-if page. Numbers are those of fiscal-sim run of the scenario with your changes as a variant (Save scenario gives that file).',
    reset: 'reset', scenarioValue: 'scenario', notSet: 'not set', computing: 'computing…', updated: 'updated',
    invalidNumber: 'enter a number', invalidYear: 'enter a year or never', stale: 'showing the last valid result',
    reformEffect: 'Reform effect', vsStart: 'vs starting point', netRevenue: 'Net revenue', vsCounterfactual: 'vs counterfactual',
    rebates: 'Rebates', unitsWithGap: 'Streets with a gap', of: 'of', total: 'total', whatIf: 'your changes',
    counterfactual: 'counterfactual (no reform)', queued: 'queued', running: 'running', done: 'done', failed: 'failed',
    cancelled: 'cancelled', lastYear: 'last year', group_rebate: 'Rebate (税收增量返还)', group_districts: 'District capacity',
    group_rollout: 'Roll-out', group_waves: 'Waves', group_lineFees: 'Line fees to blocks', group_donations: 'Pooled donations',
    group_growth: 'Growth', noCharts: 'Chart.js is not installed on the server: charts are not drawn (make deps installs it).',
    capacityYears: 'capacity-binding years', year: 'year',
    probNegative: 'probability that the reform effect 2026–2035 (total) is negative:',
  },
  zh: {
    title: '政策推演', start: '起点方案', download: '下载结果', save: '保存情景', resetAll: '全部恢复',
    levers: '政策杠杆', leversHint: '修改数值后立即重新测算；地址栏中的链接保存了您的修改。',
    summary: '汇总', district: '区', chartNet: '净收入与反事实对比', chartEffect: '各年改革效应',
    chartTools: '各年返还、条费与募集资金', chartSelf: '末年各街道财力自给率', chartGap: '末年各街道财力缺口（小于0：资金不足）',
    chartWaves: '各街道实施年份', mcTitle: '蒙特卡洛模拟', mcHint: '在服务器上按多条税收增长随机路径测算修改后的情景。',
    paths: '路径数', seed: '随机种子', mcStart: '开始', mcCancel: '取消', chartFan: '各年改革效应：中位数、25%–75%、5%–95%',
    rangeTitle: '区间分析', rangeHint: '在一个区间内改变一个杠杆（最多50个点），保留其他修改。',
    lever: '杠杆', from: '从', to: '到', points: '点数', rangeRun: '绘制',
    chartRange: '改革效应、承受能力受限年数、缺口街道数随杠杆变化',
    footer: 'fiscal-sim 政策推演页面。数字即以您的修改为方案运行 fiscal-sim run 的结果（“保存情景”给出该文件）。',
    reset: '恢复', scenarioValue: '情景值', notSet: '未设定', computing: '测算中…', updated: '已更新',
    invalidNumber: '请输入数字', invalidYear: '请输入年份或 never', stale: '显示上一次有效结果',
    reformEffect: '改革效应', vsStart: '较起点方案', netRevenue: '净收入', vsCounterfactual: '较反事实',
    rebates: '返还总额', unitsWithGap: '缺口街道数', of: '/', total: '合计', whatIf: '您的修改',
    counterfactual: '反事实（不改革）', queued: '排队中', running: '运行中', done: '完成', failed: '失败',
    cancelled: '已取消', lastYear: '末年', group_rebate: '税收增量返还', group_districts: '区级承受能力',
    group_rollout: '推行时间', group_waves: '分批推开', group_lineFees: '条费转块', group_donations: '社会募集资金',
    group_growth: '增长与弹性', noCharts: '服务器未安装 Chart.js，不绘制图表（make deps 可安装）。',
    capacityYears: '承受能力受限年数', year: '年份',
    probNegative: '改革效应（期间合计）为负的概率：',
  },
};

const state = {
  lang: 'en', scenario: null, variant: 'reform', changes: new Map(), result: null, sequence: 0,
  district: null, job: null, charts: {}, errors: new Map(), jobResult: null, jobStatus: null, range: null,
};

const $ = (id) => document.getElementById(id);
const t = (key) => (TEXT[state.lang] || TEXT.en)[key] || key;
const pick = (labels) => (labels ? (state.lang === 'zh' ? labels.zh : labels.en) : '');

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function money(value) {
  if (value === null || value === undefined) return '';
  const precision = state.scenario ? state.scenario.precision : 2;
  return Number(value).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-US', {
    minimumFractionDigits: precision, maximumFractionDigits: precision,
  });
}

function plain(value) {
  if (value === null || value === undefined) return '';
  return Number(value).toFixed(state.scenario ? state.scenario.precision : 2);
}

// ---- API ---------------------------------------------------------------------------------

async function api(method, path, body) {
  const response = await fetch(path, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
  });
  let json = null;
  try { json = await response.json(); } catch (error) { json = null; }
  return { status: response.status, json };
}

function changesObject() {
  const set = {};
  for (const [path, value] of state.changes) set[path] = value;
  return set;
}

// ---- URL: the view's query (variant, lang, PATH=VALUE) ----------------------------------

function valueToQuery(value) {
  if (Array.isArray(value)) return value.map((step) => `${step.year}:${step.value}`).join(',');
  return String(value);
}

function valueFromQuery(text) {
  if (text.includes(':')) {
    return text.split(',').map((part) => {
      const [year, value] = part.split(':');
      return { year: Number(year), value: Number(value) };
    });
  }
  return text !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
}

function viewQuery(extra) {
  const query = new URLSearchParams();
  if (state.variant !== 'reform') query.set('variant', state.variant);
  if (state.lang !== state.scenario.lang) query.set('lang', state.lang);
  for (const [path, value] of state.changes) query.set(path, valueToQuery(value));
  if (extra) for (const [key, value] of Object.entries(extra)) query.set(key, value);
  return query.toString();
}

function updateLinks() {
  const query = viewQuery();
  history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
  const download = new URLSearchParams(query);
  download.set('lang', state.lang);
  $('download').href = `/api/download?${download.toString()}`;
  download.set('format', 'yaml');
  $('save').href = `/api/download?${download.toString()}`;
}

// ---- Levers ------------------------------------------------------------------------------

function sameValue(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

function describeValue(lever, value) {
  if (value === null || value === undefined) return t('notSet');
  if (Array.isArray(value)) return value.map((step) => `${step.year}: ${step.value}`).join(', ');
  return String(value);
}

function parseInput(lever, text) {
  const trimmed = text.trim();
  if (lever.kind === 'choice') return { value: trimmed };
  if (lever.kind === 'year' && lever.options.includes(trimmed)) return { value: trimmed };
  if (trimmed === '' || Number.isNaN(Number(trimmed))) {
    return { error: lever.kind === 'year' ? t('invalidYear') : t('invalidNumber') };
  }
  return { value: Number(trimmed) };
}

function renderLevers() {
  const container = $('levers');
  container.replaceChildren();
  const groups = new Map();
  for (const lever of state.scenario.levers) {
    if (!groups.has(lever.group)) groups.set(lever.group, []);
    groups.get(lever.group).push(lever);
  }
  for (const [group, levers] of groups) {
    const fieldset = element('fieldset');
    fieldset.append(element('legend', t(`group_${group}`)));
    for (const lever of levers) fieldset.append(renderLever(lever));
    container.append(fieldset);
  }
}

function renderLever(lever) {
  const row = element('div', null, 'lever');
  row.dataset.path = lever.path;
  const label = element('label', pick(lever.label), 'lever-label');
  const inputs = element('span', null, 'lever-inputs');
  const current = state.changes.has(lever.path) ? state.changes.get(lever.path) : lever.value;
  const message = element('div', '', 'error lever-error');
  message.setAttribute('role', 'alert');
  const onChange = (value, error) => {
    if (error) {
      state.errors.set(lever.path, error);
      showLeverErrors();
      return;
    }
    state.errors.delete(lever.path);
    if (sameValue(value, lever.value)) state.changes.delete(lever.path); else state.changes.set(lever.path, value);
    row.classList.toggle('changed', state.changes.has(lever.path));
    scheduleRun();
  };
  if (lever.kind === 'choice') {
    const select = element('select');
    for (const option of lever.options) select.append(new Option(option, option));
    select.value = current ?? lever.options[0];
    select.addEventListener('change', () => onChange(select.value));
    inputs.append(select);
  } else if (Array.isArray(current)) {
    const steps = current.map((step) => ({ ...step }));
    for (const step of steps) {
      const box = element('label', `${step.year}`, 'step');
      const input = numberInput(lever, step.value);
      input.addEventListener('input', () => {
        const parsed = parseInput(lever, input.value);
        if (parsed.error) { onChange(null, parsed.error); return; }
        step.value = parsed.value;
        onChange(steps.map((s) => ({ year: s.year, value: s.value })));
      });
      box.append(input);
      inputs.append(box);
    }
  } else {
    const input = numberInput(lever, current);
    input.addEventListener('input', () => {
      if (input.value.trim() === '' && (lever.value === null || lever.value === undefined)) { onChange(null); return; }
      const parsed = parseInput(lever, input.value);
      onChange(parsed.value, parsed.error);
    });
    inputs.append(input);
  }
  inputs.append(element('span', pick(lever.unit), 'unit'));
  const reset = element('button', t('reset'), 'reset');
  reset.type = 'button';
  reset.addEventListener('click', () => {
    state.changes.delete(lever.path);
    state.errors.delete(lever.path);
    row.replaceWith(renderLever(lever));
    scheduleRun();
  });
  const hint = element('span', `${t('scenarioValue')}: ${describeValue(lever, lever.value)}`, 'hint');
  row.append(label, inputs, reset, hint, message);
  row.classList.toggle('changed', state.changes.has(lever.path));
  return row;
}

function numberInput(lever, value) {
  const input = element('input');
  if (lever.kind === 'year') {
    input.type = 'text';
    input.inputMode = 'numeric';
    input.placeholder = '2027 / never';
  } else {
    input.type = 'number';
    input.step = 'any';
    if (lever.bounds.min !== null) input.min = lever.bounds.min;
    if (lever.bounds.max !== null) input.max = lever.bounds.max;
  }
  input.value = value === null || value === undefined ? '' : String(value);
  input.setAttribute('aria-label', pick(lever.label));
  return input;
}

function showLeverErrors(serverErrors = []) {
  const messages = new Map(state.errors);
  const general = [];
  for (const error of serverErrors) {
    const path = error.path.startsWith('set.') ? error.path.slice(4) : null;
    if (path && document.querySelector(`.lever[data-path="${CSS.escape(path)}"]`)) messages.set(path, error.message);
    else general.push(error.message);
  }
  for (const row of document.querySelectorAll('.lever')) {
    const message = messages.get(row.dataset.path) || '';
    row.querySelector('.lever-error').textContent = message;
    row.classList.toggle('invalid', message !== '');
  }
  $('general-error').textContent = general.join(' ');
  return messages.size + general.length;
}

// ---- Runs --------------------------------------------------------------------------------

let timer = null;
function scheduleRun() {
  updateLinks();
  clearTimeout(timer);
  timer = setTimeout(run, 250);
}

async function run() {
  if (showLeverErrors() > 0) { $('status').textContent = t('stale'); return; }
  const sequence = ++state.sequence;
  $('status').textContent = t('computing');
  const answer = await api('POST', '/api/run', { variant: state.variant, set: changesObject() });
  if (sequence !== state.sequence) return;
  if (answer.status !== 200) {
    showLeverErrors(answer.json ? answer.json.errors : []);
    $('status').textContent = t('stale');
    return;
  }
  showLeverErrors();
  state.result = answer.json;
  $('status').textContent = t('updated');
  document.body.dataset.runs = String(sequence);
  renderResult();
}

function renderResult() {
  const result = state.result;
  if (!result) return;
  renderCards(result);
  renderGrid($('summary-table'), $('summary-title'), result.summary, result);
  renderGrid($('headline-table'), $('headline-title'), result.headline, result);
  drawCharts(result);
}

function variantLabel(name, result) {
  if (name === result.whatIf) return t('whatIf');
  if (name === 'counterfactual') return t('counterfactual');
  return name;
}

function renderCards(result) {
  const cards = $('cards');
  cards.replaceChildren();
  for (const row of result.comparison) {
    const card = element('div', null, 'card');
    card.append(element('h3', row.district));
    const figure = (id, label, value, detail) => {
      const box = element('div', null, 'figure');
      box.append(element('span', label, 'figure-label'));
      const number = element('span', money(value), 'figure-value');
      number.id = id;
      number.dataset.value = plain(value);
      if (value < 0) number.classList.add('negative');
      box.append(number);
      if (detail) box.append(element('span', detail, 'figure-detail'));
      card.append(box);
    };
    const unit = `${state.scenario.currency} ${state.scenario.unit}`;
    const first = state.scenario.years.first, end = state.scenario.years.end;
    figure('reform-effect', `${t('reformEffect')} ${first}–${end}`, row.reformEffect, unit);
    figure('reform-effect-vs-start', `${t('reformEffect')}, ${t('vsStart')} (${state.variant})`, row.reformEffectVsStart, unit);
    figure('net-revenue', `${t('netRevenue')} ${first}–${end}`, row.netRevenue, `${t('vsCounterfactual')}: ${money(row.netRevenueVsCounterfactual)}`);
    figure('rebates', `${t('rebates')} ${first}–${end}`, row.rebates, `${state.variant}: ${money(row.startRebates)}`);
    const gaps = row.unitsWithGap ? `${row.unitsWithGap.count} ${t('of')} ${row.unitsWithGap.of}` : '';
    const box = element('div', null, 'figure');
    box.append(element('span', `${t('unitsWithGap')} ${end}`, 'figure-label'));
    const count = element('span', gaps, 'figure-value');
    count.id = 'units-with-gap';
    box.append(count);
    if (row.startUnitsWithGap) box.append(element('span', `${state.variant}: ${row.startUnitsWithGap.count}`, 'figure-detail'));
    card.append(box);
    cards.append(card);
  }
}

function renderGrid(table, title, grid, result) {
  title.textContent = pick(grid.title);
  table.replaceChildren();
  const head = element('tr');
  for (const column of grid.columns) head.append(element('th', pick(column)));
  table.append(head);
  for (const row of grid.rows) {
    const line = element('tr');
    row.forEach((cell, index) => {
      let text = cell;
      const kind = grid.columns[index] ? grid.columns[index].kind : 'text';
      if (index === 0) text = variantLabel(cell, result);
      else if (cell && typeof cell === 'object') text = `${cell.count} ${t('of')} ${cell.of}`;
      else if (typeof cell === 'number') text = kind === 'ratio' ? cell.toFixed(4) : money(cell);
      const td = element('td', text ?? '');
      if (typeof cell === 'number') td.className = 'number';
      line.append(td);
    });
    table.append(line);
  }
}

// ---- Charts ------------------------------------------------------------------------------

const COLORS = { whatIf: '#c0392b', start: '#2e86c1', counterfactual: '#7f8c8d', extra: '#27ae60', extra2: '#8e44ad' };

function chartReady() { return typeof window.Chart === 'function'; }

function table(json) {
  const names = json.columns.map((column) => column.name);
  return json.rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]])));
}

function columnLabel(json, name) {
  const column = json.columns.find((c) => c.name === name);
  return column ? pick({ en: column.en, zh: column.zh }) : name;
}

function draw(id, config) {
  if (!chartReady()) return;
  if (state.charts[id]) state.charts[id].destroy();
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
  state.charts[id] = new window.Chart($(id), config);
}

function series(rows, variant, column) {
  return rows.filter((row) => row.variant === variant).map((row) => row[column]);
}

function drawCharts(result) {
  const district = state.district || state.scenario.districts[0].id;
  const rows = table(result.districts).filter((row) => row.district === district);
  const years = [...new Set(rows.map((row) => row.year))];
  const name = (variant) => variantLabel(variant, result);
  const line = (label, data, color, dash) => ({ label, data, borderColor: color, backgroundColor: color, borderDash: dash || [], pointRadius: 2 });
  draw('chart-net', { type: 'line', data: { labels: years, datasets: [
    line(name(result.whatIf), series(rows, result.whatIf, 'net_revenue'), COLORS.whatIf),
    line(name(result.variant), series(rows, result.variant, 'net_revenue'), COLORS.start),
    line(name('counterfactual'), series(rows, result.whatIf, 'counterfactual_net_revenue'), COLORS.counterfactual, [6, 4]),
  ] } });
  draw('chart-effect', { type: 'bar', data: { labels: years, datasets: [
    { label: name(result.whatIf), data: series(rows, result.whatIf, 'reform_effect'), backgroundColor: COLORS.whatIf },
    { label: name(result.variant), data: series(rows, result.variant, 'reform_effect'), backgroundColor: COLORS.start },
  ] } });
  draw('chart-tools', { type: 'line', data: { labels: years, datasets: [
    line(columnLabel(result.districts, 'rebates'), series(rows, result.whatIf, 'rebates'), COLORS.whatIf),
    line(columnLabel(result.districts, 'fees_transferred'), series(rows, result.whatIf, 'fees_transferred'), COLORS.extra),
    line(columnLabel(result.districts, 'donations_allocated'), series(rows, result.whatIf, 'donations_allocated'), COLORS.extra2),
  ] } });
  const units = table(result.units).filter((row) => row.district === district);
  const last = Math.max(...units.map((row) => row.year));
  const lastRows = (variant) => units.filter((row) => row.variant === variant && row.year === last);
  const labels = lastRows(result.whatIf).map((row) => row.unit_name || row.unit);
  const bars = (column) => [
    { label: name(result.whatIf), data: lastRows(result.whatIf).map((row) => row[column]), backgroundColor: COLORS.whatIf },
    { label: name(result.variant), data: lastRows(result.variant).map((row) => row[column]), backgroundColor: COLORS.start },
  ];
  draw('chart-self', { type: 'bar', data: { labels, datasets: bars('self_sufficiency') } });
  draw('chart-gap', { type: 'bar', data: { labels, datasets: bars('gap') } });
  drawAdoption(units, labels, lastRows(result.whatIf).map((row) => row.unit), result);
}

// model.md §20: with evidence-gated waves, the year each street adopts (its first adopted
// year; none when it never adopts), under the changes and at the starting point.
function drawAdoption(units, labels, ids, result) {
  const hasWaves = state.scenario.levers.some((lever) => lever.group === 'waves');
  $('waves-figure').hidden = !hasWaves;
  if (!hasWaves) return;
  const adoptedYear = (variant, unit) => {
    const years = units.filter((row) => row.variant === variant && row.unit === unit && (row.adopted === true || row.adopted === 'true'))
      .map((row) => row.year);
    return years.length ? Math.min(...years) : null;
  };
  const dataset = (variant, color) => ({ label: variantLabel(variant, result), data: ids.map((id) => adoptedYear(variant, id)), backgroundColor: color });
  const years = units.map((row) => row.year);
  draw('chart-waves', {
    type: 'bar',
    data: { labels, datasets: [dataset(result.whatIf, COLORS.whatIf), dataset(result.variant, COLORS.start)] },
    options: { scales: { y: { min: Math.min(...years) - 1, max: Math.max(...years) + 1, ticks: { precision: 0 } } } },
  });
}

// ---- Monte Carlo jobs --------------------------------------------------------------------

async function startJob() {
  $('mc-error').textContent = '';
  const paths = Number($('mc-paths').value);
  const seed = Number($('mc-seed').value);
  const answer = await api('POST', '/api/jobs', { variant: state.variant, set: changesObject(), paths, seed });
  if (answer.status !== 202) {
    $('mc-error').textContent = answer.json ? answer.json.errors.map((e) => e.message).join(' ') : String(answer.status);
    return;
  }
  state.job = answer.json.id;
  $('mc-cancel').disabled = false;
  $('mc-start').disabled = true;
  pollJob(answer.json.id);
}

async function pollJob(id) {
  if (state.job !== id) return;
  const answer = await api('GET', `/api/jobs/${encodeURIComponent(id)}`);
  if (!answer.json || answer.status !== 200) return;
  const job = answer.json;
  $('mc-progress').value = job.progress;
  state.jobStatus = job;
  showJobStatus();
  if (job.status === 'queued' || job.status === 'running') { setTimeout(() => pollJob(id), 300); return; }
  state.job = null;
  $('mc-cancel').disabled = true;
  $('mc-start').disabled = false;
  if (job.status === 'failed') $('mc-error').textContent = (job.errors || []).map((e) => e.message).join(' ');
  if (job.status === 'done') { state.jobResult = job.result; renderJob(job.result); }
}

function showJobStatus() {
  const job = state.jobStatus;
  if (!job) return;
  $('mc-status').textContent = `${t(job.status)} ${Math.round(job.progress * 100)} %`;
  $('mc-status').dataset.status = job.status;
}

async function cancelJob() {
  if (!state.job) return;
  const id = state.job;
  const answer = await api('DELETE', `/api/jobs/${encodeURIComponent(id)}`);
  if (answer.json) {
    state.jobStatus = answer.json;
    showJobStatus();
  }
  state.job = null;
  $('mc-cancel').disabled = true;
  $('mc-start').disabled = false;
}

function renderJob(result) {
  renderGrid($('mc-table'), document.createElement('p'), result.summary, result);
  const totals = result.totals && result.totals.rows.length ? table(result.totals) : [];
  const probability = $('mc-probability');
  probability.replaceChildren();
  for (const row of totals) {
    const district = state.scenario.districts.find((d) => d.id === row.district);
    const text = `${district ? district.name : t('total')}: ${t('probNegative')} ${(row.prob_reform_effect_negative * 100).toFixed(1)} %`
      + ` (p05 ${money(row.reform_effect_p05)}, p50 ${money(row.reform_effect_p50)}, p95 ${money(row.reform_effect_p95)})`;
    const line = element('p', text, 'figure-detail');
    line.dataset.district = row.district;
    line.dataset.value = String(row.prob_reform_effect_negative);
    probability.append(line);
  }
  const district = state.district || state.scenario.districts[0].id;
  const rows = table(result.districts).filter((row) => row.district === district && row.metric === 'reform_effect' && row.variant === result.whatIf);
  const years = rows.map((row) => row.year);
  const band = (label, column, fill, color) => ({ label, data: rows.map((row) => row[column]), fill, borderColor: color, backgroundColor: `${color}33`, pointRadius: 0 });
  draw('chart-fan', { type: 'line', data: { labels: years, datasets: [
    band('p05', 'p05', false, '#c0392b'), band('p95', 'p95', '-1', '#c0392b'),
    band('p25', 'p25', false, '#e67e22'), band('p75', 'p75', '-1', '#e67e22'),
    { label: 'p50', data: rows.map((row) => row.p50), borderColor: '#000000', pointRadius: 2 },
  ] }, options: { plugins: { filler: { propagate: false } } } });
}

// ---- Range view --------------------------------------------------------------------------

function fillRangeLevers() {
  const select = $('range-lever');
  const previous = select.value;
  select.replaceChildren();
  for (const lever of state.scenario.levers.filter((l) => l.kind !== 'choice')) {
    select.append(new Option(pick(lever.label), lever.path));
  }
  if (previous && state.scenario.levers.some((l) => l.path === previous)) select.value = previous; else suggestRange();
}

function suggestRange() {
  const lever = state.scenario.levers.find((l) => l.path === $('range-lever').value);
  if (!lever) return;
  const value = typeof lever.value === 'number' ? lever.value : (Array.isArray(lever.value) ? lever.value[0].value : null);
  if (lever.kind === 'year' || lever.kind === 'years') {
    const low = lever.kind === 'year' ? state.scenario.years.first : 1;
    const high = lever.kind === 'year' ? state.scenario.years.end : Math.min(10, state.scenario.years.end - state.scenario.years.base);
    $('range-from').value = low; $('range-to').value = high; $('range-points').value = Math.min(50, high - low + 1);
  } else if (value !== null) {
    const high = lever.bounds.max !== null ? Math.min(lever.bounds.max, value * 1.5) : value * 1.5;
    $('range-from').value = +(value * 0.5).toPrecision(6); $('range-to').value = +high.toPrecision(6); $('range-points').value = 11;
  }
}

async function drawRange() {
  $('range-error').textContent = '';
  const lever = $('range-lever').value;
  const body = {
    variant: state.variant, set: changesObject(), lever,
    from: Number($('range-from').value), to: Number($('range-to').value), points: Number($('range-points').value),
  };
  const answer = await api('POST', '/api/sweep', body);
  if (answer.status !== 200) {
    $('range-error').textContent = answer.json ? answer.json.errors.map((e) => e.message).join(' ') : String(answer.status);
    return;
  }
  state.range = answer.json;
  renderRange();
}

// A swept value as the page shows it: 0.21000000000000002 is 0.21 (the CSV keeps the former).
function short(value) { return typeof value === 'number' ? Number(value.toPrecision(12)) : value; }

function renderRange() {
  if (!state.range) return;
  const lever = state.range.lever;
  const rows = table(state.range.table).filter((row) => row.district === 'all');
  const values = rows.map((row) => short(row[lever]));
  const json = state.range.table;
  draw('chart-range', { type: 'line', data: { labels: values, datasets: [
    { label: columnLabel(json, 'reform_effect'), data: rows.map((row) => row.reform_effect), borderColor: COLORS.whatIf, yAxisID: 'y' },
    { label: t('capacityYears'), data: rows.map((row) => row.capacity_binding_years), borderColor: COLORS.start, yAxisID: 'y1' },
    { label: columnLabel(json, 'units_with_gap'), data: rows.map((row) => row.units_with_gap), borderColor: COLORS.extra, yAxisID: 'y1' },
  ] }, options: { scales: { y: { position: 'left' }, y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } } } });
  const tableNode = $('range-table');
  tableNode.replaceChildren();
  const head = element('tr');
  const known = state.scenario.levers.find((l) => l.path === lever);
  for (const text of [known ? pick(known.label) : lever, columnLabel(json, 'reform_effect'), t('capacityYears'), columnLabel(json, 'units_with_gap')]) head.append(element('th', text));
  tableNode.append(head);
  for (const row of rows) {
    const line = element('tr');
    for (const cell of [short(row[lever]), money(row.reform_effect), row.capacity_binding_years, row.units_with_gap]) line.append(element('td', cell, 'number'));
    tableNode.append(line);
  }
}

// ---- Language, variant, start ------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  $('lang-toggle').textContent = state.lang === 'zh' ? 'English' : '中文';
  if (!chartReady()) $('status').textContent = t('noCharts');
}

async function loadScenario(variant) {
  const answer = await api('GET', `/api/scenario?variant=${encodeURIComponent(variant)}`);
  if (answer.status !== 200) {
    $('general-error').textContent = answer.json ? answer.json.errors.map((e) => e.message).join(' ') : String(answer.status);
    return false;
  }
  const lang = state.scenario ? state.lang : null;
  state.scenario = answer.json;
  state.lang = lang || state.lang || answer.json.lang;
  state.variant = answer.json.variant;
  $('scenario-name').textContent = answer.json.name;
  const variants = $('variant');
  variants.replaceChildren();
  for (const name of answer.json.variants) variants.append(new Option(name, name));
  variants.value = state.variant;
  const districts = $('district');
  districts.replaceChildren();
  for (const district of answer.json.districts) districts.append(new Option(district.name, district.id));
  $('district-picker').hidden = answer.json.districts.length < 2;
  state.district = answer.json.districts[0].id;
  return true;
}

function rerenderAll() {
  applyLanguage();
  renderLevers();
  fillRangeLevers();
  showLeverErrors();
  renderResult();
  showJobStatus();
  if (state.jobResult) renderJob(state.jobResult);
  renderRange();
  updateLinks();
}

async function start() {
  const query = new URLSearchParams(window.location.search);
  state.lang = query.get('lang') || null;
  const variant = query.get('variant') || 'reform';
  if (!(await loadScenario(variant)) && !(await loadScenario('reform'))) return;
  if (!['en', 'zh'].includes(state.lang)) state.lang = state.scenario.lang;
  for (const [key, value] of query) {
    if (!['variant', 'lang'].includes(key)) state.changes.set(key, valueFromQuery(value));
  }
  $('variant').addEventListener('change', async () => {
    state.changes.clear();
    state.errors.clear();
    state.range = null;
    state.jobResult = null;
    await loadScenario($('variant').value);
    rerenderAll();
    run();
  });
  $('lang-toggle').addEventListener('click', () => { state.lang = state.lang === 'zh' ? 'en' : 'zh'; rerenderAll(); });
  $('reset-all').addEventListener('click', () => { state.changes.clear(); state.errors.clear(); rerenderAll(); run(); });
  $('district').addEventListener('change', () => { state.district = $('district').value; renderResult(); });
  $('mc-start').addEventListener('click', startJob);
  $('mc-cancel').addEventListener('click', cancelJob);
  $('range-lever').addEventListener('change', suggestRange);
  $('range-run').addEventListener('click', drawRange);
  rerenderAll();
  run();
}

start();
