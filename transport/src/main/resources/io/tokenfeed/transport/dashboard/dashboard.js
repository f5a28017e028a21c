/*
 * tokenfeed live dashboard. Two sources, both this server:
 *  - GET /metrics (Prometheus text, parsed by prometheus.js) and GET /health/ready, once a second: the stat tiles and
 *    the charts (ECharts, from the server's jar);
 *  - the token table: GET /api/v1/tokens?limit=20 once, then the page's own subscriber WebSocket
 *    (/api/v1/ws/token-data, protocol v1): subscribe to those tokens, apply token_update / token_batch by version.
 *    The page sends nothing but `subscription` requests (the browser answers the server's ping frames itself).
 * Elements carry stable ids and data-* attributes (data-state, data-points, data-version, ...) for tests and tools.
 */
(function ()
{
    'use strict';

    const POLL_MS = 1000;
    const HISTORY = 180;
    const TOKEN_LIMIT = 20;
    const RETRY_TOKENS_MS = 2000;
    const RECONNECT_BASE_MS = 1000;
    const RECONNECT_MAX_MS = 30000;

    const $ = (id) => document.getElementById(id);
    const prometheus = window.TokenfeedPrometheus;

    // ---------------------------------------------------------------- formatting

    const grouped = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});
    const compact = new Intl.NumberFormat('en-US', {notation: 'compact', maximumFractionDigits: 2});

    function finite(value)
    {
        return typeof value === 'number' && Number.isFinite(value);
    }

    function formatCount(value)
    {
        return finite(value) ? String(Math.round(value)) : '–';
    }

    function formatRate(value)
    {
        return finite(value) ? grouped.format(value < 10 ? Math.round(value * 10) / 10 : Math.round(value)) : '–';
    }

    function toMs(seconds)
    {
        return finite(seconds) ? seconds * 1000 : null;
    }

    function formatMs(ms)
    {
        if (!finite(ms))
        {
            return '–';
        }
        return (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)) + ' ms';
    }

    /** Decimal strings are shown as sent when short, otherwise with 10 significant digits (display only). */
    function formatPrice(decimal)
    {
        if (typeof decimal !== 'string')
        {
            return '–';
        }
        return decimal.length <= 14 ? decimal : String(Number(Number(decimal).toPrecision(10)));
    }

    function formatAmount(decimal)
    {
        const number = Number(decimal);
        return finite(number) ? (number >= 1e6 ? compact.format(number) : grouped.format(number)) : '–';
    }

    function formatTime(epochMs)
    {
        if (!finite(epochMs) || epochMs <= 0)
        {
            return '–';
        }
        const date = new Date(epochMs);
        const pad = (n, w) => String(n).padStart(w, '0');
        return pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' + pad(date.getSeconds(), 2) + '.'
            + pad(date.getMilliseconds(), 3);
    }

    function shortAddress(address)
    {
        return address.length > 16 ? address.slice(0, 8) + '…' + address.slice(-6) : address;
    }

    function setPill(id, state, text)
    {
        const pill = $(id);
        pill.dataset.state = state;
        pill.querySelector('[data-field="text"]').textContent = text;
    }

    function setNote(id, text)
    {
        const note = $(id);
        note.hidden = !text;
        note.textContent = text || '';
    }

    // ---------------------------------------------------------------- charts

    const charts = {};

    function makeChart(key, names, extra)
    {
        const el = $('chart-' + key);
        if (typeof window.echarts === 'undefined')
        {
            el.textContent = 'charts unavailable: the ECharts asset did not load';
            return;
        }
        const chart = window.echarts.init(el, null, {renderer: 'canvas'});
        chart.on('finished', () =>
        {
            el.dataset.rendered = String(Number(el.dataset.rendered) + 1);
        });
        chart.setOption({
            animation: false,
            grid: {left: 56, right: 18, top: 34, bottom: 26},
            legend: {top: 2, type: 'scroll'},
            tooltip: {trigger: 'axis'},
            xAxis: {type: 'time', splitLine: {show: false}},
            yAxis: {type: 'value', min: 0, minInterval: extra && extra.integer ? 1 : 0},
            series: []
        });
        charts[key] = {el: el, chart: chart, names: [], data: [], times: []};
        names.forEach((name) => addSeries(charts[key], name));
    }

    function addSeries(entry, name)
    {
        entry.names.push(name);
        entry.data.push(entry.times.map((time) => [time, 0]));
    }

    /**
     * One point per series at timeMs; a name not seen before becomes a new series, zero before it appeared. Values
     * that are not finite (NaN quantiles of an empty window) leave a gap.
     */
    function pushNamed(key, timeMs, valuesByName, seriesExtra)
    {
        const entry = charts[key];
        if (!entry)
        {
            return;
        }
        for (const name of valuesByName.keys())
        {
            if (!entry.names.includes(name))
            {
                addSeries(entry, name);
            }
        }
        entry.times.push(timeMs);
        if (entry.times.length > HISTORY)
        {
            entry.times.shift();
        }
        entry.names.forEach((name, i) =>
        {
            const value = valuesByName.has(name) ? valuesByName.get(name) : 0;
            entry.data[i].push([timeMs, finite(value) ? value : null]);
            if (entry.data[i].length > HISTORY)
            {
                entry.data[i].shift();
            }
        });
        entry.chart.setOption({
            legend: {data: entry.names},
            series: entry.names.map((name, i) => Object.assign({name: name, type: 'line', showSymbol: false, data: entry.data[i]},
                seriesExtra && seriesExtra[name]))
        });
        entry.el.dataset.points = String(entry.times.length);
        entry.el.dataset.series = String(entry.names.length);
    }

    function push(key, timeMs, names, values, seriesExtra)
    {
        pushNamed(key, timeMs, new Map(names.map((name, i) => [name, values[i]])), seriesExtra);
    }

    function initCharts()
    {
        makeChart('connections', ['open'], {integer: true});
        makeChart('deliveries', ['deliveries/s', 'messages/s', 'ingested/s']);
        makeChart('latency', ['p50', 'p99', 'max']);
        makeChart('errors', ['refused connections', 'heartbeat timeouts', 'pipeline exceptions']);
        window.addEventListener('resize', () => Object.values(charts).forEach((entry) => entry.chart.resize()));
    }

    // ---------------------------------------------------------------- metrics

    const REFUSAL_REASONS = ['connection_limit', 'unauthorized', 'overloaded', 'server_shutdown'];
    let previous = null;

    function rate(current, before, seconds)
    {
        if (!finite(current) || !finite(before) || seconds <= 0)
        {
            return null;
        }
        return (current >= before ? current - before : current) / seconds;
    }

    /** Totals of tokenfeed_errors_total by code (levels summed), and each code's level; null when not exported. */
    function errorsByCode(scrape)
    {
        const samples = scrape.samples('tokenfeed_errors_total');
        if (samples.length === 0)
        {
            return null;
        }
        const byCode = new Map();
        for (const sample of samples)
        {
            const code = sample.labels.code || '?';
            const known = byCode.get(code) || {total: 0, levels: new Set()};
            known.total += sample.value;
            if (sample.value > 0)
            {
                known.levels.add(sample.labels.level || '?');
            }
            byCode.set(code, known);
        }
        return byCode;
    }

    function counters(scrape)
    {
        const refused = {};
        let refusedTotal = 0;
        for (const reason of REFUSAL_REASONS)
        {
            refused[reason] = scrape.value('tokenfeed_connections_refused_total', {reason: reason}) || 0;
            refusedTotal += refused[reason];
        }
        return {
            deliveries: scrape.value('tokenfeed_deliveries_total'),
            messages: scrape.value('tokenfeed_data_messages_sent_total'),
            ingested: scrape.value('tokenfeed_ingest_updates_total', {outcome: 'applied'}),
            pipeline: scrape.value('tokenfeed_pipeline_errors_total'),
            heartbeat: scrape.value('tokenfeed_heartbeat_timeouts_total'),
            refused: refused,
            refusedTotal: refusedTotal,
            errors: errorsByCode(scrape)
        };
    }

    function renderErrorTable(errors)
    {
        const body = $('errors-by-code');
        body.dataset.exported = errors ? 'true' : 'false';
        body.textContent = '';
        const seen = errors ? Array.from(errors.entries()).filter(([, known]) => known.total > 0)
            .sort((a, b) => b[1].total - a[1].total) : [];
        body.dataset.codes = String(seen.length);
        if (seen.length === 0)
        {
            const row = body.insertRow();
            row.className = 'empty';
            const only = row.insertCell();
            only.colSpan = 3;
            only.textContent = errors ? 'none yet' : 'this server does not export errors by code (tokenfeed_errors_total)';
            return;
        }
        for (const [code, known] of seen)
        {
            const row = body.insertRow();
            row.dataset.code = code;
            row.dataset.total = String(known.total);
            row.insertCell().textContent = code;
            row.insertCell().textContent = Array.from(known.levels).join(', ');
            const total = row.insertCell();
            total.className = 'num';
            total.textContent = formatCount(known.total);
        }
    }

    /** Rates of the failure counters, and of every code that has been non-zero; the chart keeps a code once shown. */
    function errorRates(now, before, seconds)
    {
        const rates = new Map([['refused connections', rate(now.refusedTotal, before.refusedTotal, seconds)],
            ['heartbeat timeouts', rate(now.heartbeat, before.heartbeat, seconds)],
            ['pipeline exceptions', rate(now.pipeline, before.pipeline, seconds)]]);
        if (now.errors)
        {
            for (const [code, known] of now.errors)
            {
                const earlier = before.errors && before.errors.get(code);
                if (known.total > 0)
                {
                    rates.set(code, rate(known.total, earlier ? earlier.total : 0, seconds));
                }
            }
        }
        return rates;
    }

    function renderMetrics(scrape, nowMs)
    {
        const open = scrape.value('tokenfeed_connections', {state: 'open'});
        const p50 = toMs(scrape.value('tokenfeed_delivery_latency_seconds', {quantile: '0.5'}));
        const p99 = toMs(scrape.value('tokenfeed_delivery_latency_seconds', {quantile: '0.99'}));
        const max = toMs(scrape.value('tokenfeed_delivery_latency_max_seconds'));
        const budgetMs = toMs(scrape.value('tokenfeed_latency_budget_seconds'));
        const breached = scrape.value('tokenfeed_latency_budget_breached');
        const now = counters(scrape);
        const seconds = previous ? (nowMs - previous.timeMs) / 1000 : 0;
        const before = previous ? previous.counters : {refused: {}};
        const deliveriesPerSecond = rate(now.deliveries, before.deliveries, seconds);

        $('stat-connections').textContent = formatCount(open);
        $('stat-deliveries').textContent = formatRate(deliveriesPerSecond);
        $('stat-p50').textContent = formatMs(p50);
        $('stat-p99').textContent = formatMs(p99);
        $('stat-max').textContent = formatMs(max);
        $('stat-budget').textContent = formatMs(budgetMs);
        $('stat-tokens').textContent = formatCount(scrape.value('tokenfeed_tokens'));
        $('stat-subscriptions').textContent = formatCount(scrape.value('tokenfeed_subscriptions'));
        if (breached === 1)
        {
            setPill('budget', 'breached', 'OVER (p99 ' + formatMs(p99) + ' > ' + formatMs(budgetMs) + ')');
        }
        else if (breached === 0)
        {
            setPill('budget', 'ok', 'OK (p99 within ' + formatMs(budgetMs) + ')');
        }
        else
        {
            setPill('budget', 'unknown', 'not exported');
        }
        for (const cell of document.querySelectorAll('#errors-totals [data-counter]'))
        {
            const reason = cell.dataset.reason;
            cell.textContent = formatCount(reason ? now.refused[reason] : scrape.value(cell.dataset.counter));
        }
        renderErrorTable(now.errors);

        push('connections', nowMs, ['open'], [open]);
        if (previous)
        {
            push('deliveries', nowMs, ['deliveries/s', 'messages/s', 'ingested/s'], [deliveriesPerSecond,
                rate(now.messages, before.messages, seconds), rate(now.ingested, before.ingested, seconds)]);
            pushNamed('errors', nowMs, errorRates(now, before, seconds));
        }
        const budgetLine = finite(budgetMs)
            ? {markLine: {symbol: 'none', silent: true, label: {formatter: 'budget', position: 'insideEndTop'},
                lineStyle: {type: 'dashed', color: '#c0392b'}, data: [{yAxis: budgetMs}]}}
            : {};
        push('latency', nowMs, ['p50', 'p99', 'max'], [p50, p99, max], {p99: budgetLine});
        previous = {timeMs: nowMs, counters: now};
    }

    async function fetchWithTimeout(path)
    {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 3000);
        try
        {
            return await fetch(path, {cache: 'no-store', signal: controller.signal});
        }
        finally
        {
            clearTimeout(timer);
        }
    }

    async function pollMetrics()
    {
        const response = await fetchWithTimeout('/metrics');
        if (!response.ok)
        {
            throw new Error('/metrics answered ' + response.status);
        }
        renderMetrics(prometheus.parse(await response.text()), Date.now());
        setPill('metrics-state', 'ok', 'live');
    }

    async function pollReadiness()
    {
        const response = await fetchWithTimeout('/health/ready');
        let body = {};
        try
        {
            body = await response.json();
        }
        catch (ignored)
        {
            body = {};
        }
        const status = response.ok ? 'UP' : (body.status || 'HTTP ' + response.status);
        setPill('readiness', status, status);
        setNote('readiness-reason', response.ok ? '' : 'not ready: ' + (body.reason || 'no reason given'));
    }

    async function poll()
    {
        const started = performance.now();
        const [metrics, readiness] = await Promise.allSettled([pollMetrics(), pollReadiness()]);
        if (metrics.status === 'rejected')
        {
            setPill('metrics-state', 'error', 'unreachable');
        }
        if (readiness.status === 'rejected')
        {
            setPill('readiness', 'unreachable', 'unreachable');
        }
        setTimeout(poll, Math.max(0, POLL_MS - (performance.now() - started)));
    }

    // ---------------------------------------------------------------- token table

    const rows = new Map();

    function cell(tr, field, className)
    {
        const td = document.createElement('td');
        td.dataset.field = field;
        if (className)
        {
            td.className = className;
        }
        tr.appendChild(td);
        return td;
    }

    function buildRows(tokens)
    {
        const body = $('token-rows');
        body.textContent = '';
        rows.clear();
        for (const token of tokens)
        {
            const tr = document.createElement('tr');
            tr.dataset.address = token.address;
            tr.dataset.updates = '0';
            const address = cell(tr, 'address', 'addr');
            address.textContent = shortAddress(token.address);
            address.title = token.address;
            const row = {tr: tr, version: -1, cells: {
                price: cell(tr, 'price', 'num'), marketCap: cell(tr, 'marketCap', 'num'), h24: cell(tr, 'h24', 'num'),
                version: cell(tr, 'version', 'num'), updatedAt: cell(tr, 'updatedAt', 'num')}};
            rows.set(token.address, row);
            body.appendChild(tr);
            apply(token, false);
        }
        $('tokens').dataset.rows = String(rows.size);
    }

    /** Applies a token state if it is newer than the row's (snapshots of what the list already showed are skipped). */
    function apply(state, live)
    {
        const row = rows.get(state.address);
        if (!row || !(state.version > row.version))
        {
            return;
        }
        const oldPrice = Number(row.cells.price.dataset.value);
        const newPrice = Number(state.price);
        row.version = state.version;
        row.tr.dataset.version = String(state.version);
        row.cells.price.dataset.value = state.price;
        row.cells.price.textContent = formatPrice(state.price);
        row.cells.price.title = state.price;
        row.cells.marketCap.textContent = formatAmount(state.marketCap);
        row.cells.marketCap.title = state.marketCap;
        row.cells.h24.textContent = formatAmount(state.volume && state.volume.h24);
        row.cells.h24.title = state.volume ? state.volume.h24 : '';
        row.cells.version.textContent = String(state.version);
        row.cells.updatedAt.textContent = formatTime(state.updatedAt);
        if (live)
        {
            row.tr.dataset.updates = String(Number(row.tr.dataset.updates) + 1);
            row.cells.price.dataset.move = newPrice > oldPrice ? 'up' : newPrice < oldPrice ? 'down' : 'same';
            row.tr.classList.remove('flash');
            void row.tr.offsetWidth;
            row.tr.classList.add('flash');
        }
    }

    async function loadTokens()
    {
        try
        {
            const response = await fetchWithTimeout('/api/v1/tokens?limit=' + TOKEN_LIMIT);
            const body = await response.json();
            if (response.ok && body.tokens && body.tokens.length > 0)
            {
                buildRows(body.tokens);
                connect();
                return;
            }
            $('token-rows').firstElementChild.firstElementChild.textContent = response.ok
                ? 'no token has data yet; asking again…' : 'GET /api/v1/tokens answered ' + response.status + '; asking again…';
        }
        catch (error)
        {
            $('token-rows').firstElementChild.firstElementChild.textContent = 'cannot reach the server; asking again…';
        }
        setTimeout(loadTokens, RETRY_TOKENS_MS);
    }

    // ---------------------------------------------------------------- WebSocket subscriber

    const ws = {socket: null, attempt: 0, lastSequence: 0, messages: 0, gaps: 0, requestSequence: 0, maxSubscriptions: 100};

    function setWs(state, text)
    {
        setPill('ws-state', state, text || state);
    }

    function connect()
    {
        const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/v1/ws/token-data';
        ws.lastSequence = 0;
        setWs('connecting', 'connecting');
        let socket;
        try
        {
            socket = new WebSocket(url);
        }
        catch (error)
        {
            reconnectLater('cannot open: ' + error.message);
            return;
        }
        ws.socket = socket;
        socket.onopen = () => setWs('open', 'open, waiting for the greeting');
        socket.onmessage = (event) =>
        {
            let message;
            try
            {
                message = JSON.parse(event.data);
            }
            catch (error)
            {
                setNote('ws-note', 'unreadable message from the server: ' + error.message);
                return;
            }
            onMessage(message);
        };
        socket.onclose = (event) =>
        {
            if (ws.socket === socket)
            {
                ws.socket = null;
                reconnectLater('closed ' + event.code + (event.reason ? ' ' + event.reason : ''));
            }
        };
    }

    /** 1 s base, doubling to 30 s at most, with jitter (protocol.md 4.4); every reconnect subscribes afresh. */
    function reconnectLater(why)
    {
        const delayMs = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * Math.pow(2, ws.attempt)) * (0.5 + Math.random() / 2);
        ws.attempt++;
        setWs('closed', why + '; reconnecting in ' + (delayMs / 1000).toFixed(1) + ' s');
        setTimeout(connect, delayMs);
    }

    function subscribe()
    {
        const tokens = Array.from(rows.keys()).slice(0, ws.maxSubscriptions);
        ws.socket.send(JSON.stringify({type: 'subscription', sequence: ++ws.requestSequence,
            data: {action: 'subscribe', tokens: tokens}}));
    }

    function onMessage(message)
    {
        ws.messages++;
        $('ws-messages').textContent = String(ws.messages);
        let gap = false;
        if (typeof message.sequence === 'number')
        {
            gap = ws.lastSequence > 0 && message.sequence !== ws.lastSequence + 1;
            ws.lastSequence = message.sequence;
            $('ws-sequence').textContent = String(message.sequence);
        }
        const data = message.data || {};
        switch (message.type)
        {
            case 'connection':
                onConnection(data);
                break;
            case 'subscription':
                $('ws-subscribed').textContent = String(data.subscriptionCount);
                setWs('open', 'subscribed');
                setNote('ws-note', data.rejected ? 'rejected: ' + data.rejected.map((r) => r.token + ' ' + r.code).join(', ') : '');
                break;
            case 'token_update':
                apply(data, true);
                break;
            case 'token_batch':
                (data.updates || []).forEach((update) => apply(update, true));
                break;
            case 'error':
                setNote('ws-note', 'server error ' + data.code + ' (' + data.level + '): ' + data.message);
                break;
            default:
                break;
        }
        if (gap && ws.socket)
        {
            // The state of the tokens is unknown after a loss: subscribing again sends fresh snapshots (protocol.md 3.1).
            ws.gaps++;
            $('ws-gaps').textContent = String(ws.gaps);
            subscribe();
        }
    }

    function onConnection(data)
    {
        if (data.status === 'connected')
        {
            ws.attempt = 0;
            ws.maxSubscriptions = data.maxSubscriptions || ws.maxSubscriptions;
            setWs('open', 'subscribing');
            subscribe();
        }
        else
        {
            setNote('ws-note', 'server: ' + data.status + (data.reason ? ' (' + data.reason + ')' : ''));
        }
    }

    // ---------------------------------------------------------------- start

    function start()
    {
        initCharts();
        poll();
        loadTokens();
    }

    if (document.readyState === 'loading')
    {
        document.addEventListener('DOMContentLoaded', start);
    }
    else
    {
        start();
    }
})();
