// The follow-up team's workspace: the work queue, one case and its actions, and the team leads'
// views, all from followup-service's JSON API with the user's bearer token.
//
// The token comes as the dashboard's does: from the address's fragment (/workspace#token=...),
// which browsers never send to a server, removed from the address bar at once and kept in
// sessionStorage (this tab only); or pasted into the form; or added by a proxy in front of the
// service (requests then go out bare). Signing out forgets it and empties the page. Case ids
// never go into the address either: which case is open is page state only.
//
// The list polls the API every few seconds, so a team sees each other's claims; refusals of the
// API (RFC 9457 problems) are shown in plain words next to the actions.
(function () {
  'use strict';
  const tokenKey = 'nps-loop.followup.token';
  const pollMillis = Number(document.documentElement.dataset.pollMillis || 3000);
  const ACTIVE = ['OPEN', 'CLAIMED', 'CONTACTED', 'ESCALATED', 'REOPENED'];
  const SEVERITY_ORDER = { CRITICAL: 0, HIGH: 1, NORMAL: 2 };
  // Which states offer which action (the service's state machine decides; this only greys out
  // buttons that cannot work, so that a refusal by the service stays the exception).
  const OFFERED = {
    claim: ['OPEN', 'CLAIMED', 'CONTACTED', 'ESCALATED', 'REOPENED'],
    release: ['CLAIMED', 'CONTACTED'],
    contact: ['CLAIMED', 'CONTACTED'],
    'root-causes': ['CONTACTED', 'RESOLVED'],
    incentive: ['CONTACTED'],
    resolve: ['CONTACTED'],
    close: ['RESOLVED', 'UNREACHABLE'],
    reopen: ['RESOLVED', 'UNREACHABLE', 'CLOSED'],
    resurvey: ['RESOLVED', 'CLOSED'],
    assign: ['OPEN', 'CLAIMED', 'CONTACTED', 'ESCALATED', 'REOPENED'],
    transfer: ['OPEN', 'CLAIMED', 'CONTACTED', 'ESCALATED', 'REOPENED']
  };
  const HOLDERS_ONLY = ['release', 'contact', 'root-causes', 'incentive', 'resolve'];
  const DONE = { claim: 'You hold this case now.', release: 'Released: the case is back in the queue.',
    contact: 'Contact attempt logged.', 'root-causes': 'Root cause coded.', incentive: 'Incentive recorded.',
    resolve: 'Resolved.', close: 'Closed.', reopen: 'Reopened.', resurvey: 'Re-survey requested.',
    assign: 'Assigned.', transfer: 'Transferred.' };
  const ACTION_WORDS = { CLAIM: 'claiming', RELEASE: 'releasing', CONTACT_REACHED: 'logging a contact attempt',
    CONTACT_FAILED: 'logging a contact attempt', GIVE_UP: 'logging a contact attempt', CODE_ROOT_CAUSE: 'coding a root cause',
    OFFER_INCENTIVE: 'offering an incentive', RESOLVE: 'resolving', CLOSE: 'closing', REOPEN: 'reopening',
    REQUEST_RESURVEY: 'requesting a re-survey', ASSIGN: 'assigning', TRANSFER: 'transferring', ESCALATE: 'escalating' };
  const FIELD_LABELS = { channel: 'Channel', outcome: 'Outcome', callbackAt: 'Call-back time', note: 'Note',
    categories: 'Categories', otherText: 'Text for "Other"', agent: "Agent's username", queue: 'Queue', reason: 'Reason' };

  const $ = (id) => document.getElementById(id);
  const state = { me: null, cases: [], selected: null, view: 'queue', rootCauses: [], timer: null, loading: false,
    knownQueues: new Set() };

  // ------------------------------------------------------------------ token

  function storedToken() {
    try {
      return sessionStorage.getItem(tokenKey);
    } catch (e) {
      return null;
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

  function forgetToken() {
    pastedToken = null;
    try {
      sessionStorage.removeItem(tokenKey);
    } catch (e) {
      // nothing stored
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
    history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? '#' + rest : ''));
  }

  // ------------------------------------------------------------------ API

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && problem.detail) || 'HTTP ' + status);
      this.status = status;
      this.problem = problem || {};
    }
  }

  function api(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const t = token();
    if (t) {
      headers.Authorization = 'Bearer ' + t;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(path, { method: method, headers: headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then((r) => r.text().then((text) => {
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          json = null;
        }
        if (!r.ok) {
          throw new ApiError(r.status, json);
        }
        return json;
      }));
  }

  // ------------------------------------------------------------------ words and times

  function ago(iso) {
    if (!iso) {
      return '';
    }
    const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
    return seconds < 0 ? 'in ' + span(-seconds) : span(seconds) + ' ago';
  }

  function span(seconds) {
    if (seconds < 60) {
      return seconds <= 1 ? 'a moment' : seconds + ' seconds';
    }
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      return minutes === 1 ? '1 minute' : minutes + ' minutes';
    }
    const hours = Math.floor(minutes / 60);
    if (hours < 48) {
      return hours + ' h ' + (minutes % 60) + ' min';
    }
    return Math.floor(hours / 24) + ' days';
  }

  function slaText(c) {
    if (!ACTIVE.includes(c.state)) {
      return '—';
    }
    const seconds = Math.round((Date.parse(c.slaDueAt) - Date.now()) / 1000);
    return seconds >= 0 ? 'due in ' + span(seconds) : 'overdue by ' + span(-seconds);
  }

  const isOverdue = (c) => ACTIVE.includes(c.state) && (c.overdue || Date.parse(c.slaDueAt) < Date.now());
  const held = (c) => c.claimedBy && c.claimExpiresAt && Date.parse(c.claimExpiresAt) > Date.now();
  const category = (score) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
  const words = (s) => String(s).toLowerCase().replace(/_/g, ' ');
  const name = (who) => (state.me && who === state.me.username ? 'you' : who);

  function claimSince(c) {
    for (let i = c.audit.length - 1; i >= 0; i--) {
      if (c.audit[i].what === 'CLAIM' || c.audit[i].what === 'ASSIGN') {
        return c.audit[i].when;
      }
    }
    return null;
  }

  /** The API's refusal as a sentence a person can act on. */
  function plainWords(error) {
    const p = error.problem || {};
    const detail = p.detail || '';
    switch (error.status) {
      case 400: {
        const errors = p.errors || [];
        return errors.length
          ? 'Please check: ' + errors.map((e) => (FIELD_LABELS[e.field.replace(/\[\d+\]$/, '')] || e.field) + ' ' + e.message).join('; ') + '.'
          : 'The service could not take this: ' + detail;
      }
      case 403:
        return 'Your role may not do this: ' + detail + '.';
      case 404:
        return 'This case is not in your queues any more (a team lead may have transferred it).';
      case 409: {
        if (p.doNotContact) {
          return 'This customer asked not to be contacted (do-not-contact list): no contact attempt may be made.';
        }
        if (p.claimedBy && state.me && p.claimedBy === state.me.username) {
          return 'You hold this case already.';
        }
        if (/changed meanwhile/.test(detail)) {
          return 'Someone changed this case at the same moment' + (p.claimedBy ? ' (' + p.claimedBy + ' holds it now)' : '')
            + '. It has been reloaded: please look and try again.';
        }
        if (p.claimedBy) {
          const since = p.claimedAt ? ' ' + ago(p.claimedAt) : '';
          return p.claimedBy + ' claimed this case' + since + (p.action === 'CLAIM'
            ? '. Only one person works a case at a time.' : ': only they or a team lead can do this now.');
        }
        const m = /^A case in state (\w+) does not allow (\w+)$/.exec(detail);
        if (m) {
          return 'This case is ' + words(m[1]) + ', which does not allow ' + (ACTION_WORDS[m[2]] || words(m[2])) + '.';
        }
        if (/^Claim the case first/.test(detail)) {
          return 'Claim the case first: nobody holds it.';
        }
        return detail.endsWith('.') ? detail : detail + '.';
      }
      default:
        return 'The service answered ' + error.status + (detail ? ': ' + detail : '') + '. Try again in a moment.';
    }
  }

  // ------------------------------------------------------------------ sign-in

  function askForToken(reason) {
    stopPolling();
    $('workspace').hidden = true;
    $('sign-out').hidden = !token();
    $('who').textContent = 'sign-in needed';
    $('token-reason').textContent = reason;
    $('token-form').hidden = false;
    $('token-input').focus();
  }

  function refused(error) {
    if (error instanceof ApiError && error.status === 401) {
      askForToken(token()
        ? 'The token was refused (expired, or not issued for this service). Paste a new one.'
        : 'The workspace needs a bearer token. Paste one, or open the page as /workspace#token=<token>.');
      return true;
    }
    return false;
  }

  function start() {
    api('GET', '/api/v1/me').then((me) => {
      if (me.role === 'ADMIN') {
        askForToken('This token is an admin\'s: cases are worked by agents and team leads. Paste an agent\'s or lead\'s token.');
        return;
      }
      state.me = me;
      $('token-form').hidden = true;
      $('workspace').hidden = false;
      $('sign-out').hidden = false;
      $('who').textContent = me.username + ' · ' + (me.role === 'LEAD' ? 'team lead' : 'agent') + ' · queues: '
        + (me.queues.length ? me.queues.join(', ') : 'none');
      $('views').hidden = me.role !== 'LEAD';
      document.querySelectorAll('[data-lead]').forEach((b) => { b.hidden = me.role !== 'LEAD'; });
      me.queues.filter((q) => !q.includes('*')).forEach((q) => state.knownQueues.add(q));
      api('GET', '/api/v1/root-causes').then((roots) => { state.rootCauses = roots; });
      if (me.role === 'LEAD') {
        loadAgents();
      }
      refreshAll();
      startPolling();
    }).catch((error) => {
      if (!refused(error)) {
        askForToken(error.status === 403
          ? 'This token may not work cases: it needs the role agent or lead. Paste another one.'
          : 'The workspace could not reach the service (' + error.message + ').');
      }
    });
  }

  function signOut() {
    forgetToken();
    stopPolling();
    state.me = null;
    state.cases = [];
    state.selected = null;
    state.signature = null;
    state.knownQueues.clear();
    ['queue-rows', 'suggestion-rows', 'case-answer', 'case-contact', 'case-history', 'case-attempts', 'case-coding',
      'case-audit', 'agent-names', 'queue-names', 'root-cause-options', 'team-rows'].forEach((id) => { $(id).replaceChildren(); });
    document.querySelectorAll('form').forEach((f) => f.reset());
    $('case-panel').hidden = true;
    $('case-hint').hidden = false;
    $('case-message').textContent = '';
    $('queue-summary').textContent = '';
    $('live').textContent = '';
    $('sign-out').hidden = true;
    askForToken('Signed out. Paste a token to sign in again.');
  }

  // ------------------------------------------------------------------ polling

  function startPolling() {
    stopPolling();
    state.timer = setInterval(refreshAll, pollMillis);
  }

  function stopPolling() {
    if (state.timer) {
      clearInterval(state.timer);
      state.timer = null;
    }
  }

  function refreshAll() {
    if (!state.me) {
      return;
    }
    if (state.loading) {
      state.again = true; // a filter or view changed while a refresh was under way: one more when it ends
      return;
    }
    state.loading = true;
    const list = state.view === 'suggestions' ? loadSuggestions() : loadQueue();
    const one = state.selected ? loadCase(state.selected, false) : Promise.resolve();
    Promise.all([list, one]).then(() => {
      $('live').textContent = 'updated ' + new Date().toLocaleTimeString();
    }).catch((error) => {
      if (!refused(error)) {
        $('live').textContent = 'could not refresh (' + error.message + ')';
      }
    }).finally(() => {
      state.loading = false;
      if (state.again) {
        state.again = false;
        refreshAll();
      }
    });
  }

  // ------------------------------------------------------------------ the queue

  function loadQueue() {
    const params = new URLSearchParams({ limit: '500' });
    const wanted = $('filter-state').value;
    if (wanted && wanted !== 'ACTIVE') {
      params.set('state', wanted);
    }
    if ($('filter-queue').value) {
      params.set('queue', $('filter-queue').value);
    }
    return api('GET', '/api/v1/cases?' + params).then((cases) => {
      if (!state.me) {
        return; // signed out meanwhile
      }
      let shown = wanted === 'ACTIVE' ? cases.filter((c) => ACTIVE.includes(c.state)) : cases;
      if ($('filter-mine').checked) {
        shown = shown.filter((c) => c.claimedBy === state.me.username);
      }
      if (state.view === 'team') {
        shown = teamOrder(shown);
      }
      cases.forEach((c) => state.knownQueues.add(c.queue));
      state.cases = shown;
      // Redrawn only when something changed, so that a poll does not pull the list from under the user.
      const signature = JSON.stringify([state.view, state.selected, $('filter-mine').checked]
        .concat(cases.map((c) => [c.caseId, c.version, held(c), isOverdue(c), c.doNotContact])));
      if (signature !== state.signature) {
        state.signature = signature;
        renderQueue();
        renderTeamSummary(cases);
      }
      renderQueueOptions();
    });
  }

  /** A lead's order: overdue first, then unclaimed, each in the service's order (the sort is stable). */
  function teamOrder(cases) {
    const rank = (c) => (isOverdue(c) ? 0 : 2) + (held(c) ? 1 : 0);
    return cases.map((c, i) => [c, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map((x) => x[0]);
  }

  function renderQueue() {
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.caseId : null;
    const rows = state.cases.map((c) => {
      const tr = document.createElement('tr');
      tr.dataset.caseId = c.caseId;
      tr.dataset.state = c.state;
      tr.dataset.claimedBy = c.claimedBy || '';
      if (isOverdue(c)) {
        tr.classList.add('overdue');
      }
      if (c.caseId === state.selected) {
        tr.classList.add('selected');
      }
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'open-case';
      open.dataset.caseId = c.caseId;
      const excerpt = c.comment ? (c.comment.length > 70 ? c.comment.slice(0, 69) + '…' : c.comment)
        : c.kind === 'ADVOCACY' ? 'Advocacy task' : '(no comment)';
      open.append(excerpt);
      const id = document.createElement('span');
      id.className = 'case-id';
      id.textContent = 'case ' + c.caseId.slice(0, 8);
      open.append(id);
      open.setAttribute('aria-label', 'Open case ' + c.caseId + ', score ' + c.score + ', ' + words(c.state));
      if (c.caseId === state.selected) {
        open.setAttribute('aria-current', 'true');
      }
      open.addEventListener('click', () => openCase(c.caseId));
      const cells = [open, String(c.score), badges(c), words(c.state), c.queue,
        held(c) ? name(c.claimedBy) : (c.claimedBy ? name(c.claimedBy) + ' (claim expired)' : 'unclaimed'), slaCell(c)];
      cells.forEach((content) => {
        const td = document.createElement('td');
        if (typeof content === 'string') {
          td.textContent = content;
        } else {
          td.append(content);
        }
        tr.append(td);
      });
      return tr;
    });
    $('queue-rows').replaceChildren(...rows);
    const overdue = state.cases.filter(isOverdue).length;
    const unclaimed = state.cases.filter((c) => !held(c) && ACTIVE.includes(c.state)).length;
    $('queue-summary').textContent = state.cases.length + (state.cases.length === 1 ? ' case' : ' cases')
      + ' · ' + unclaimed + ' unclaimed · ' + overdue + ' overdue';
    if (focused) {
      const again = document.querySelector('#queue-rows button[data-case-id="' + CSS.escape(focused) + '"]');
      if (again) {
        again.focus();
      }
    }
  }

  /** A lead's overview: per queue, the active cases, how many nobody holds, how many are overdue or escalated. */
  function renderTeamSummary(cases) {
    const box = $('team-summary');
    box.hidden = state.view !== 'team';
    if (box.hidden) {
      return;
    }
    const byQueue = new Map();
    cases.filter((c) => ACTIVE.includes(c.state)).forEach((c) => {
      const q = byQueue.get(c.queue) || { active: 0, unclaimed: 0, overdue: 0, escalated: 0 };
      q.active++;
      q.unclaimed += held(c) ? 0 : 1;
      q.overdue += isOverdue(c) ? 1 : 0;
      q.escalated += c.escalationLevel > 0 ? 1 : 0;
      byQueue.set(c.queue, q);
    });
    const rows = [...byQueue.keys()].sort().map((queue) => {
      const q = byQueue.get(queue);
      const tr = document.createElement('tr');
      tr.dataset.queue = queue;
      [queue, q.active, q.unclaimed, q.overdue, q.escalated].forEach((v, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) {
          cell.scope = 'row';
        }
        cell.textContent = String(v);
        tr.append(cell);
      });
      return tr;
    });
    $('team-rows').replaceChildren(...(rows.length ? rows : [teamEmpty()]));
  }

  function teamEmpty() {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 5;
    td.textContent = 'No active cases in your queues.';
    tr.append(td);
    return tr;
  }

  function badges(c) {
    const span = document.createElement('span');
    span.textContent = words(c.severity);
    if (c.severity !== 'NORMAL') {
      span.className = 'badge ' + c.severity.toLowerCase();
    }
    const wrap = document.createElement('span');
    wrap.append(span);
    if (c.escalationLevel > 0) {
      const e = document.createElement('span');
      e.className = 'badge escalated';
      e.textContent = 'escalated';
      wrap.append(e);
    }
    if (c.doNotContact) {
      const d = document.createElement('span');
      d.className = 'badge do-not-contact';
      d.textContent = 'do not contact';
      wrap.append(d);
    }
    if (c.kind === 'ADVOCACY') {
      const a = document.createElement('span');
      a.className = 'badge';
      a.textContent = 'advocacy';
      wrap.append(a);
    }
    return wrap;
  }

  function slaCell(c) {
    const s = document.createElement('span');
    s.className = 'sla';
    s.dataset.due = c.slaDueAt;
    s.dataset.state = c.state;
    s.dataset.overdue = String(c.overdue);
    s.textContent = slaText(c);
    return s;
  }

  // The countdowns move every second, between polls.
  setInterval(() => {
    document.querySelectorAll('.sla').forEach((s) => {
      s.textContent = slaText({ state: s.dataset.state, slaDueAt: s.dataset.due });
    });
  }, 1000);

  function renderQueueOptions() {
    const select = $('filter-queue');
    const current = select.value;
    const queues = [...state.knownQueues].sort();
    const options = [new Option('All my queues', '')].concat(queues.map((q) => new Option(q, q)));
    if (select.options.length !== options.length) {
      select.replaceChildren(...options);
      select.value = current;
    }
    $('queue-names').replaceChildren(...queues.map((q) => new Option(q, q)));
  }

  // ------------------------------------------------------------------ one case

  function openCase(caseId) {
    state.selected = caseId;
    closeForms();
    $('case-message').textContent = '';
    $('case-message').className = 'message';
    loadCase(caseId, true).then(() => {
      renderQueue();
      $('case-heading').focus();
    }).catch((error) => {
      if (!refused(error)) {
        say(plainWords(error), true);
      }
    });
  }

  function loadCase(caseId, withHistory) {
    const one = api('GET', '/api/v1/cases/' + encodeURIComponent(caseId));
    const history = withHistory || !state.history ? api('GET', '/api/v1/cases/' + encodeURIComponent(caseId) + '/history')
      : Promise.resolve(state.history);
    return Promise.all([one, history]).then(([c, h]) => {
      if (!state.me || state.selected !== caseId) {
        return;
      }
      state.history = h;
      renderCase(c, h);
    }).catch((error) => {
      if (error instanceof ApiError && error.status === 404 && state.selected === caseId) {
        say(plainWords(error), true);
        $('case-actions').querySelectorAll('button').forEach((b) => { b.disabled = true; });
        return;
      }
      throw error;
    });
  }

  function renderCase(c, history) {
    state.current = c;
    $('case-panel').hidden = false;
    $('case-hint').hidden = true;
    $('case-panel').dataset.caseId = c.caseId;
    $('case-panel').dataset.state = c.state;
    $('case-panel').dataset.claimedBy = c.claimedBy || '';
    $('case-panel').dataset.doNotContact = String(!!c.doNotContact);
    $('case-dnc').hidden = !c.doNotContact;
    const holder = held(c) ? name(c.claimedBy) + ' (claimed ' + ago(claimSince(c)) + ')' : 'nobody';
    $('case-heading').textContent = 'Case ' + c.caseId + ': ' + words(c.state) + ', held by ' + holder;
    list('case-answer', [
      ['Score', c.score + ' (' + category(c.score) + ')'],
      ['Comment', c.comment || '(no comment)'],
      ['Answered', when(c.answeredAt)],
      ['Severity', words(c.severity) + (c.escalationLevel > 0 ? ', escalated ' + c.escalationLevel + 'x' : '')],
      ['Matched rules', (c.matchedRules || []).join(', ') || '(none)'],
      ['Queue', c.queue],
      ['SLA', ACTIVE.includes(c.state) ? slaText(c) + ' (' + when(c.slaDueAt) + ')'
        : 'not watched once ' + words(c.state) + ' (was due ' + when(c.slaDueAt) + ')'],
      ['Account value', c.accountValue ? c.accountValue.amount + ' ' + c.accountValue.currency : '(unknown)'],
      ['Call-back', c.callbackAt ? when(c.callbackAt) + ' (' + ago(c.callbackAt) + ')' : '(none)']
    ].concat(c.task ? [['Task', words(c.task)]] : []));
    if (isOverdue(c)) {
      $('case-answer').querySelectorAll('dd')[6].classList.add('overdue-text');
    }
    list('case-contact', c.contact
      ? [['Name', c.contact.name || '—'], ['Email', c.contact.email || '—'], ['Phone', c.contact.phone || '—']]
      : [['', 'No contact data on this case for you.']]);
    $('case-history').replaceChildren(...history.map((a) => item(when(a.answeredAt) + ': ' + a.score + ' (' + category(a.score) + ')'
      + (a.responseId === c.responseId ? ' · this case' : ''))));
    if (!history.length) {
      $('case-history').replaceChildren(item('(no answers recorded)'));
    }
    $('case-attempts').replaceChildren(...(c.attempts.length ? c.attempts.map((a) => item('#' + a.number + ' ' + when(a.at) + ', '
      + name(a.agent) + ': ' + words(a.channel) + ', ' + words(a.outcome) + (a.callbackAt ? ', call back ' + when(a.callbackAt) : '')
      + (a.note ? ' · "' + a.note + '"' : ''))) : [item('(none yet)')]));
    const inc = c.incentive;
    list('case-coding', [
      ['Root causes', c.rootCauses.length ? c.rootCauses.map(rootName).join(', ') + (c.otherRootCause ? ' ("' + c.otherRootCause + '")' : '') : '(not coded)'],
      ['Incentive', inc ? 'experiment ' + inc.experimentId + ', arm ' + inc.arm + (inc.incentiveId ? ': offer ' + inc.incentiveId
        + (inc.cost ? ' (' + inc.cost.amount + ' ' + inc.cost.currency + ')' : '') : ': offer nothing (control)')
        + (inc.accepted === true ? ', accepted' : inc.accepted === false ? ', declined' : '') : '(not offered)'],
      ['Next answer', c.answer ? c.answer.score + ' (' + words(c.answer.transition) + ') ' + when(c.answer.answeredAt) : '(none yet)']
    ]);
    $('case-audit').replaceChildren(...c.audit.slice().reverse().map((e) => item(when(e.when) + ' ' + name(e.who) + ': ' + words(e.what)
      + ' (' + words(e.fromState) + ' → ' + words(e.toState) + ')' + (e.details ? ' ' + e.details : ''))));
    $('case-actions').querySelectorAll('button').forEach((b) => {
      const action = b.dataset.action;
      let offered = OFFERED[action].includes(c.state);
      if (action === 'claim') {
        offered = offered && !(held(c) && c.claimedBy === state.me.username);
      }
      if (action === 'release') {
        offered = offered && !!c.claimedBy;
      }
      if (action === 'contact') {
        offered = offered && !c.doNotContact;
      }
      // Nobody may reach a customer on the do-not-contact list: their uncontacted case is closed without contact.
      if (action === 'close') {
        offered = offered || (!!c.doNotContact && ['OPEN', 'CLAIMED', 'ESCALATED', 'REOPENED'].includes(c.state));
      }
      // Working a case someone else holds is a lead's say; an agent may still try to claim it.
      if (HOLDERS_ONLY.includes(action) && c.claimedBy && c.claimedBy !== state.me.username && state.me.role !== 'LEAD') {
        offered = false;
      }
      b.disabled = !offered;
    });
  }

  function rootName(id) {
    const r = state.rootCauses.find((x) => x.id === id);
    return r ? r.name : id;
  }

  function list(id, pairs) {
    const nodes = [];
    pairs.forEach(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      nodes.push(dt, dd);
    });
    $(id).replaceChildren(...nodes);
  }

  function item(text) {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }

  function say(text, error) {
    const m = $('case-message');
    m.textContent = text;
    m.className = 'message ' + (error ? 'error' : 'ok');
    m.setAttribute('role', error ? 'alert' : 'status');
  }

  // ------------------------------------------------------------------ actions

  let opener = null;

  function closeForms() {
    document.querySelectorAll('.action-form').forEach((f) => { f.hidden = true; });
  }

  function act(action, body) {
    const caseId = state.selected;
    const path = '/api/v1/cases/' + encodeURIComponent(caseId) + '/' + (action === 'contact' ? 'contact-attempts' : action);
    return api('POST', path, body).then((c) => {
      if (!state.me) {
        return;
      }
      closeForms();
      say(DONE[action], false);
      if (action === 'transfer' && !state.me.queues.some((q) => q === '*' || q === c.queue
        || (q.endsWith('-*') && c.queue.startsWith(q.slice(0, -1))))) {
        // The answer is the last the lead may see of it: shown, with no action left, and no longer reloaded.
        state.selected = null;
        renderCase(c, state.history || []);
        $('case-actions').querySelectorAll('button').forEach((b) => { b.disabled = true; });
        say('Transferred to ' + c.queue + ': it has left your queues.', false);
      } else {
        renderCase(c, state.history || []);
        if (opener) {
          opener.focus();
        }
      }
      if (action === 'assign') {
        loadAgents();
      }
      loadQueue();
    }).catch((error) => {
      if (refused(error)) {
        return;
      }
      say(plainWords(error), true);
      if (error.status === 409 || error.status === 404) {
        loadCase(caseId, false).then(loadQueue);
      }
    });
  }

  function showForm(button) {
    closeForms();
    opener = button;
    const form = $(button.dataset.form);
    if (button.dataset.form === 'form-note') {
      $('form-note-title').textContent = button.dataset.verb + ' the case';
      $('form-note-submit').textContent = button.dataset.verb;
      form.dataset.action = button.dataset.action;
    }
    if (button.dataset.form === 'form-root-causes') {
      renderRootCauseOptions();
    }
    form.hidden = false;
    const first = form.querySelector('input:not([type=radio]), select, textarea, input');
    if (first) {
      first.focus();
    }
  }

  function renderRootCauseOptions() {
    const coded = state.current ? state.current.rootCauses : [];
    const boxes = state.rootCauses.filter((r) => r.active).map((r) => {
      const label = document.createElement('label');
      label.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'categories';
      box.value = r.id;
      box.checked = coded.includes(r.id);
      label.append(box, ' ' + r.name);
      return label;
    });
    $('root-cause-options').replaceChildren(...boxes);
    $('form-root-causes').elements.otherText.value = (state.current && state.current.otherRootCause) || '';
  }

  function loadAgents() {
    return api('GET', '/api/v1/agents').then((a) => {
      $('agent-names').replaceChildren(...a.agents.map((n) => new Option(n, n)));
    }).catch(() => {
      // the list only helps typing; the field takes any username
    });
  }

  function loadSuggestions() {
    return api('GET', '/api/v1/root-causes/suggestions?minCount=1&limit=50').then((rows) => {
      if (!state.me) {
        return;
      }
      $('suggestion-rows').replaceChildren(...(rows.length ? rows.map((s) => item(s.phrase + ' (' + s.count
        + (s.count === 1 ? ' case)' : ' cases)'))) : [item('(no "Other" texts yet)')]));
    });
  }

  const blank = (v) => (v === '' ? undefined : v);

  const submitters = {
    'form-contact': (f) => act('contact', { channel: f.elements.channel.value, outcome: f.elements.outcome.value,
      callbackAt: f.elements.callbackAt.value ? new Date(f.elements.callbackAt.value).toISOString() : undefined,
      note: blank(f.elements.note.value.trim()) }),
    'form-root-causes': (f) => act('root-causes', {
      categories: [...f.querySelectorAll('input[name=categories]:checked')].map((b) => b.value),
      otherText: blank(f.elements.otherText.value.trim()) }),
    'form-incentive': (f) => {
      const v = f.querySelector('input[name=accepted]:checked').value;
      return act('incentive', { accepted: v === '' ? null : v === 'true' });
    },
    'form-note': (f) => act(f.dataset.action, { note: blank(f.elements.note.value.trim()) }),
    'form-assign': (f) => act('assign', { agent: f.elements.agent.value.trim() }),
    'form-transfer': (f) => act('transfer', { queue: f.elements.queue.value.trim(), reason: blank(f.elements.reason.value.trim()) })
  };

  function switchView(view) {
    state.view = view;
    document.querySelectorAll('#views button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === view)));
    $('queue-panel').hidden = view === 'suggestions';
    $('suggestions-panel').hidden = view !== 'suggestions';
    $('queue-heading').textContent = view === 'team' ? 'Team queues: overdue and unclaimed first' : 'Work queue';
    refreshAll();
  }

  // ------------------------------------------------------------------ wiring

  $('case-actions').addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button || button.disabled) {
      return;
    }
    if (button.dataset.form) {
      showForm(button);
    } else {
      opener = button;
      act(button.dataset.action, undefined);
    }
  });

  Object.keys(submitters).forEach((id) => {
    const form = $(id);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitters[id](form).then(() => {
        if (form.hidden) {
          form.reset();
        }
      });
    });
    form.querySelector('.cancel').addEventListener('click', () => {
      form.hidden = true;
      if (opener) {
        opener.focus();
      }
    });
    form.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        form.hidden = true;
        if (opener) {
          opener.focus();
        }
      }
    });
  });

  // Arrow keys move between the cases of the list; Enter or Space opens one (they are buttons).
  $('queue-rows').addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') {
      return;
    }
    const buttons = [...document.querySelectorAll('#queue-rows button.open-case')];
    const i = buttons.indexOf(document.activeElement);
    const next = buttons[i + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  ['filter-state', 'filter-queue', 'filter-mine'].forEach((id) => $(id).addEventListener('change', refreshAll));
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  document.querySelectorAll('#views button').forEach((b) => b.addEventListener('click', () => switchView(b.dataset.view)));
  $('sign-out').addEventListener('click', signOut);
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    keepToken($('token-input').value);
    $('token-input').value = '';
    start();
  });

  takeTokenFromFragment();
  start();
})();
