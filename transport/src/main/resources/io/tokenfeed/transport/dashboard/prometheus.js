/*
 * A small reader of the Prometheus text exposition format (0.0.4), enough for the dashboard: comments and blank
 * lines are skipped; each sample line is  name{label="value",...} value [timestamp]  with label values escaped
 * as \\, \" and \n. Values may be NaN, +Inf and -Inf.
 */
(function (global)
{
    'use strict';

    function parseValue(text)
    {
        switch (text)
        {
            case '+Inf':
            case 'Inf':
                return Infinity;
            case '-Inf':
                return -Infinity;
            case 'NaN':
                return NaN;
            default:
                return Number(text);
        }
    }

    /** One sample line into {name, labels, value}, or null when it is not one. */
    function parseLine(line)
    {
        let i = 0;
        while (i < line.length && /[A-Za-z0-9_:]/.test(line[i]))
        {
            i++;
        }
        const name = line.slice(0, i);
        if (!name)
        {
            return null;
        }
        const labels = {};
        if (line[i] === '{')
        {
            i++;
            while (i < line.length && line[i] !== '}')
            {
                while (line[i] === ' ' || line[i] === ',')
                {
                    i++;
                }
                if (line[i] === '}')
                {
                    break;
                }
                const eq = line.indexOf('=', i);
                if (eq < 0 || line[eq + 1] !== '"')
                {
                    return null;
                }
                const key = line.slice(i, eq).trim();
                let value = '';
                i = eq + 2;
                while (i < line.length && line[i] !== '"')
                {
                    if (line[i] === '\\' && i + 1 < line.length)
                    {
                        i++;
                        value += line[i] === 'n' ? '\n' : line[i];
                    }
                    else
                    {
                        value += line[i];
                    }
                    i++;
                }
                if (i >= line.length)
                {
                    return null;
                }
                labels[key] = value;
                i++;
            }
            if (line[i] !== '}')
            {
                return null;
            }
            i++;
        }
        const rest = line.slice(i).trim().split(/\s+/);
        if (rest.length < 1 || rest[0] === '')
        {
            return null;
        }
        return {name: name, labels: labels, value: parseValue(rest[0])};
    }

    /** The whole text into a Scrape. */
    function parse(text)
    {
        const byName = new Map();
        for (const raw of text.split('\n'))
        {
            const line = raw.trim();
            if (line === '' || line[0] === '#')
            {
                continue;
            }
            const sample = parseLine(line);
            if (sample === null)
            {
                continue;
            }
            if (!byName.has(sample.name))
            {
                byName.set(sample.name, []);
            }
            byName.get(sample.name).push(sample);
        }
        return new Scrape(byName);
    }

    function Scrape(byName)
    {
        this.byName = byName;
    }

    /** The value of the first sample of `name` whose labels include every pair of `labels`; undefined when none. */
    Scrape.prototype.value = function (name, labels)
    {
        for (const sample of this.byName.get(name) || [])
        {
            if (Object.entries(labels || {}).every(([k, v]) => sample.labels[k] === v))
            {
                return sample.value;
            }
        }
        return undefined;
    };

    /** Every sample of `name`. */
    Scrape.prototype.samples = function (name)
    {
        return this.byName.get(name) || [];
    };

    global.TokenfeedPrometheus = {parse: parse, parseLine: parseLine};
})(window);
