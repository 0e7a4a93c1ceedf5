import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import gazetteer from '../../src/normalise/data/se-gazetteer.json' with { type: 'json' };
import { escapeHtml } from '../../src/report/escape.ts';
import { barChart } from '../../src/report/charts/bar-chart.ts';
import { lineChart } from '../../src/report/charts/line-chart.ts';
import { stackedBarChart } from '../../src/report/charts/stacked-bar-chart.ts';
import { countyMap, policeRegionMap } from '../../src/report/charts/sweden-map.ts';
import { classBreaks, classLabels, roundReadable } from '../../src/report/charts/class-breaks.ts';
import { CLASS_FILLS, SEQUENTIAL, SUPPRESSED_FILL } from '../../src/report/charts/palette.ts';

const parse = (svg: string): CheerioAPI => load(svg, { xml: true });
const num = (v: string | undefined): number => Number(v);
const NBSP = '\u00a0';
const HOSTILE_SCRIPT = '<script>alert(1)</script>';
const HOSTILE_ATTR = '"><img src=x onerror=alert(1)>';

const counties = gazetteer.counties;
const base = { locale: 'sv' as const, emptyText: 'Inga data att visa' };

/** Fails if the SVG holds anything that could run or load: scripts, handlers, links, foreign content. */
function expectInert(svg: string): void {
  const $ = parse(svg);
  expect($('script').length).toBe(0);
  expect($('img').length).toBe(0);
  expect($('foreignObject, image, iframe, a, use').length).toBe(0);
  $('*').each((_, el) => {
    if (!('attribs' in el)) return;
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.startsWith('on'), `attribute ${name}`).toBe(false);
      expect(name).not.toMatch(/href/i);
      expect(value).not.toMatch(/javascript:/i);
    }
  });
}

function expectFrame(svg: string, id: string, title: string): CheerioAPI {
  const $ = parse(svg);
  const root = $.root().children();
  expect(root.length).toBe(1);
  expect(root.is('svg')).toBe(true);
  expect(root.attr('xmlns')).toBe('http://www.w3.org/2000/svg');
  expect(root.attr('viewBox')).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/);
  expect(root.attr('width')).toBe('100%');
  expect(root.attr('role')).toBe('img');
  expect(root.attr('class')).toBe('chart');
  expect(root.attr('aria-labelledby')).toBe(`${id}-title`);
  expect($(`title#${id}-title`).text()).toBe(title);
  expect($('desc').length).toBe(1);
  return $;
}

/** At least one rect/path/polyline that draws something of non-zero size. */
function hasMark($: CheerioAPI): boolean {
  let found = false;
  $('rect, path, polyline').each((_, el) => {
    const e = $(el);
    if (e.parents('defs').length > 0 || e.parents('.legend').length > 0) return;
    if (el.tagName === 'rect' && num(e.attr('width')) > 0 && num(e.attr('height')) > 0) found = true;
    if (el.tagName === 'path' && (e.attr('d') ?? '').length > 4) found = true;
    if (el.tagName === 'polyline' && (e.attr('points') ?? '').split(' ').length > 1) found = true;
  });
  return found;
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
    expect(escapeHtml(HOSTILE_ATTR)).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml('Göteborg')).toBe('Göteborg');
  });
});

describe('barChart', () => {
  const bars = [
    { label: 'alpha.example', value: 200 },
    { label: 'beta.example', value: 100 },
    { label: 'gamma.example', value: 50 },
    { label: 'delta.example', value: 0, display: '<3' },
    { label: 'epsilon.example', value: 0 },
  ];
  const svg = barChart({ ...base, id: 'sites', title: 'Profiler per sajt', bars });

  it('draws one bar per item, in the given order, widths proportional to values', () => {
    const $ = expectFrame(svg, 'sites', 'Profiler per sajt');
    expect($('.bar-label').map((_, e) => $(e).text()).get()).toEqual(bars.map((b) => b.label));
    const widths = $('rect.bar').map((_, e) => num($(e).attr('width'))).get();
    expect(widths).toHaveLength(5);
    expect(widths[0]).toBeGreaterThan(100);
    expect(widths[1]! / widths[0]!).toBeCloseTo(0.5, 2);
    expect(widths[2]! / widths[0]!).toBeCloseTo(0.25, 2);
    expect(widths[4]).toBe(0);
    // Rows go down the page in order.
    const ys = $('rect.bar').map((_, e) => num($(e).attr('y'))).get();
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(hasMark($)).toBe(true);
  });

  it('draws a suppressed count as a short hatched stub labelled with its display text', () => {
    const $ = parse(svg);
    const stub = $('rect.bar.suppressed');
    expect(stub.length).toBe(1);
    expect(num(stub.attr('width'))).toBeGreaterThan(0);
    expect(num(stub.attr('width'))).toBeLessThan(num($('rect.bar').eq(2).attr('width')));
    expect(stub.attr('fill')).toBe('url(#sites-hatch)');
    expect($('pattern#sites-hatch').length).toBe(1);
    expect($('.bar-value').eq(3).text()).toBe('<3');
    expect(svg).toContain('&lt;3');
    expect($('.bar-row').eq(3).children('title').text()).toBe('delta.example: <3');
  });

  it('formats counts and shares per locale', () => {
    const sv = parse(barChart({ ...base, id: 'a', title: 't', bars: [{ label: 'x', value: 12345 }] }));
    expect(sv('.bar-value').text()).toBe(`12${NBSP}345`);
    const en = parse(barChart({ ...base, locale: 'en', id: 'a', title: 't', bars: [{ label: 'x', value: 12345 }] }));
    expect(en('.bar-value').text()).toBe('12,345');
    const svShare = parse(barChart({ ...base, id: 'a', title: 't', valueFormat: 'share', bars: [{ label: 'x', value: 0.125 }] }));
    expect(svShare('.bar-value').text()).toBe(`12,5${NBSP}%`);
    const enShare = parse(barChart({ ...base, locale: 'en', id: 'a', title: 't', valueFormat: 'share', bars: [{ label: 'x', value: 0.125 }] }));
    expect(enShare('.bar-value').text()).toBe('12.5%');
  });

  it('still draws a mark (the zero line) when every value is zero', () => {
    const $ = parse(barChart({ ...base, id: 'z', title: 't', bars: [{ label: 'x', value: 0 }] }));
    expect($('rect.bar').attr('width')).toBe('0');
    expect(hasMark($)).toBe(true);
  });

  it('shows emptyText when there are no bars', () => {
    const $ = expectFrame(barChart({ ...base, id: 'e', title: 'Tomt', bars: [] }), 'e', 'Tomt');
    expect($('.chart-empty').text()).toBe('Inga data att visa');
    expect($('rect.bar').length).toBe(0);
  });

  it('rejects an id that could break element ids', () => {
    expect(() => barChart({ ...base, id: 'x" onload="alert(1)', title: 't', bars: [] })).toThrow();
  });
});

describe('stackedBarChart', () => {
  const categories = ['Escort', 'Annonser', 'Tomt'];
  const series = [
    { name: 'Kvinnor', values: [60, 10, 0] },
    { name: 'Män', values: [30, 0, 0] },
    { name: 'Okänt', values: [10, 30, 0] },
  ];
  const svg = stackedBarChart({ ...base, id: 'gender', title: 'Kön', categories, series });

  it('fills the full width for every category, segments in proportion', () => {
    const $ = expectFrame(svg, 'gender', 'Kön');
    const rows = $('.stack-row');
    expect(rows.length).toBe(3);
    const widthOf = (row: number): number[] =>
      rows.eq(row).find('rect.segment').map((_, e) => num($(e).attr('width'))).get();
    const full = widthOf(0).reduce((a, b) => a + b, 0);
    expect(full).toBeGreaterThan(300);
    expect(widthOf(1).reduce((a, b) => a + b, 0)).toBeCloseTo(full, 1);
    expect(widthOf(0)[0]! / full).toBeCloseTo(0.6, 2);
    expect(widthOf(0)[1]! / full).toBeCloseTo(0.3, 2);
    expect(widthOf(1)[1]! / full).toBeCloseTo(0.75, 2);
    // Segments are adjacent: each starts where the previous ended.
    const segs = rows.eq(0).find('rect.segment');
    for (let i = 1; i < segs.length; i++) {
      const prev = segs.eq(i - 1);
      expect(num(segs.eq(i).attr('x'))).toBeCloseTo(num(prev.attr('x')) + num(prev.attr('width')), 1);
    }
    // The empty category keeps its row, with a grey track and no segments.
    expect(widthOf(2)).toEqual([]);
    expect(rows.eq(2).find('rect.track').length).toBe(1);
    expect(hasMark($)).toBe(true);
  });

  it('colours each series the same in every category and lists it in the legend', () => {
    const $ = parse(svg);
    const fills = new Map<string, string>();
    $('rect.segment').each((_, e) => {
      const k = $(e).attr('data-series')!;
      const fill = $(e).attr('fill')!;
      expect(fills.get(k) ?? fill).toBe(fill);
      fills.set(k, fill);
    });
    expect(new Set(fills.values()).size).toBe(3);
    expect($('.legend-item text').map((_, e) => $(e).text()).get()).toEqual(['Kvinnor', 'Män', 'Okänt']);
    expect($('.segment-value').first().text()).toBe(`60${NBSP}%`);
  });

  it('shows emptyText when every total is zero', () => {
    const $ = parse(stackedBarChart({ ...base, id: 'e', title: 't', categories: ['a'], series: [{ name: 's', values: [0] }] }));
    expect($('.chart-empty').text()).toBe(base.emptyText);
    expect($('rect.segment').length).toBe(0);
  });
});

describe('lineChart', () => {
  const xLabels = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'];
  const svg = lineChart({
    ...base,
    id: 'runs',
    title: 'Profiler per körning',
    xLabels,
    series: [
      { name: 'a.example', values: [10, 20, null, 40, 50] },
      { name: 'b.example', values: [5, 5, 5, 5, 5] },
      { name: 'c.example', values: [null, null, 7, null, null] },
    ],
  });

  it('draws points left to right, higher values higher, and breaks the line at a null', () => {
    const $ = expectFrame(svg, 'runs', 'Profiler per körning');
    const lines = $('polyline[data-series="0"]');
    expect(lines.length).toBe(2);
    const points = lines
      .map((_, e) => [($(e).attr('points') ?? '').split(' ').map((p) => p.split(',').map(Number) as [number, number])])
      .get() as [number, number][][];
    expect(points.map((p) => p.length)).toEqual([2, 2]);
    const all = points.flat();
    const xs = all.map(([x]) => x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const ys = all.map(([, y]) => y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeLessThan(ys[i - 1]!);
    // The gap: the second run starts two steps after the first ended.
    const step = xs[1]! - xs[0]!;
    expect(xs[2]! - xs[1]!).toBeCloseTo(2 * step, 1);
    // One marker per known value; a lone value gets a marker but no line.
    expect($('.series[data-series="0"] .marker').length).toBe(4);
    expect($('polyline[data-series="2"]').length).toBe(0);
    expect($('.series[data-series="2"] .marker').length).toBe(1);
    expect($('.series[data-series="2"] .marker title').text()).toBe('c.example, 2026-03-01: 7');
    expect(hasMark($)).toBe(true);
  });

  it('tells twelve series apart by colour, dash and marker combined', () => {
    const many = lineChart({
      ...base,
      id: 'many',
      title: 't',
      xLabels: ['a', 'b'],
      series: Array.from({ length: 12 }, (_, k) => ({ name: `s${k}`, values: [k, k + 1] })),
    });
    const $ = parse(many);
    const styles = $('polyline')
      .map((_, e) => {
        const k = $(e).attr('data-series');
        const markerD = $(`.series[data-series="${k}"] .marker`).first().attr('d') ?? '';
        // Shape = drawing commands, plus which way the first edge goes (tells the triangles apart).
        const nums = (markerD.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
        const shape = `${markerD.replace(/[-\d.\s]+/g, '')}${Math.sign((nums[3] ?? 0) - (nums[1] ?? 0))}`;
        return `${$(e).attr('stroke')}|${$(e).attr('stroke-dasharray') ?? ''}|${shape}`;
      })
      .get();
    expect(styles).toHaveLength(12);
    expect(new Set(styles).size).toBe(12);
    expect($('.legend-item').length).toBe(12);
  });

  it('shows emptyText when every value is null', () => {
    const $ = parse(lineChart({ ...base, id: 'e', title: 't', xLabels: ['a'], series: [{ name: 's', values: [null] }] }));
    expect($('.chart-empty').text()).toBe(base.emptyText);
    expect($('polyline').length).toBe(0);
  });
});

describe('countyMap', () => {
  // 21 distinct values, two counties with nothing (null and 0).
  const values: Record<string, number | null> = {};
  counties.forEach((c, i) => (values[c.code] = (i + 1) * 37));
  values['09'] = null;
  values['23'] = 0;
  const svg = countyMap({ ...base, id: 'lan', title: 'Profiler per län', values, legendTitle: 'Profiler', noDataLabel: 'Inga profiler' });

  it('draws the 21 counties, each with a title naming it and its value', () => {
    const $ = expectFrame(svg, 'lan', 'Profiler per län');
    const paths = $('path.county');
    expect(paths.length).toBe(21);
    expect(paths.map((_, e) => $(e).attr('data-code')).get().sort()).toEqual(counties.map((c) => c.code).sort());
    for (const c of counties) {
      const title = $(`path.county[data-code="${c.code}"] > title`).text();
      const v = values[c.code];
      const shown = v === null ? 'Inga profiler' : new Intl.NumberFormat('sv-SE').format(v!);
      expect(title).toBe(`${c.name}: ${shown}`);
    }
    expect(hasMark($)).toBe(true);
  });

  it('shades monotonically in value over five classes, null and 0 in hatched grey', () => {
    const $ = parse(svg);
    const fillOf = (code: string): string => $(`path.county[data-code="${code}"]`).attr('fill')!;
    const shaded = counties.filter((c) => (values[c.code] ?? 0) > 0).sort((a, b) => values[a.code]! - values[b.code]!);
    const ranks = shaded.map((c) => (SEQUENTIAL as readonly string[]).indexOf(fillOf(c.code)));
    expect(ranks.every((r) => r >= 1)).toBe(true);
    for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThanOrEqual(ranks[i - 1]!);
    expect(new Set(ranks).size).toBe(5);
    expect(fillOf('09')).toBe('url(#lan-nodata)');
    expect(fillOf('23')).toBe('url(#lan-nodata)');
    const pattern = $('pattern#lan-nodata');
    expect(pattern.length).toBe(1);
    for (const colour of pattern.find('[fill], [stroke]').map((_, e) => $(e).attr('fill') ?? $(e).attr('stroke')).get()) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      expect(r === g && g === b).toBe(true); // grey
      expect(r).toBeGreaterThan(0xc0); // light
    }
    expect($('path.county[data-code="23"] > title').text()).toBe('Jämtlands län: 0');
  });

  it('has a legend with readable ranges, the no-data entry and the attribution', () => {
    const $ = parse(svg);
    const labels = $('.legend-item text').map((_, e) => $(e).text()).get();
    expect(labels).toHaveLength(6);
    expect(labels.at(-1)).toBe('Inga profiler');
    expect($('.legend-title').text()).toBe('Profiler');
    // Class bounds are the smallest value, then rounded numbers.
    expect(labels[0]).toMatch(/^37–\d+$/);
    for (const label of labels.slice(1, 5)) expect(label.split('–')[0]).toMatch(/^\d{1,2}0$/);
    expect($('.attribution').text()).toBe('Karta: MapSVG / svg-maps (CC BY 4.0)');
  });

  it('shades a suppressed count below every class, labelled with its display text', () => {
    const $ = parse(
      countyMap({
        ...base,
        id: 'm',
        title: 't',
        values: { '01': 100, '12': 50, '14': null },
        display: { '14': '<3' },
        legendTitle: 'Profiler',
        noDataLabel: 'Inga',
      }),
    );
    expect($('path.county[data-code="14"]').attr('fill')).toBe(SUPPRESSED_FILL);
    expect($('path.county[data-code="14"] > title').text()).toBe('Västra Götalands län: <3');
    expect($('.legend-item text').first().text()).toBe('<3');
    expect($('path.county[data-code="01"]').attr('fill')).toBe(CLASS_FILLS.at(-1));
    expect($('path.county[data-code="12"]').attr('fill')).toBe(CLASS_FILLS[0]);
    expect($('path.county[data-code="25"]').attr('fill')).toBe('url(#m-nodata)');
  });

  it('shows emptyText over an all-grey map when there are no values', () => {
    const $ = parse(countyMap({ ...base, id: 'e', title: 't', values: {}, legendTitle: 'L', noDataLabel: 'Inga' }));
    expect($('.chart-empty').text()).toBe(base.emptyText);
    expect($('path.county').length).toBe(21);
    expect(new Set($('path.county').map((_, e) => $(e).attr('fill')).get())).toEqual(new Set(['url(#e-nodata)']));
  });
});

describe('policeRegionMap', () => {
  const values = { Nord: 10, Mitt: 20, Stockholm: 400, Öst: 30, Väst: 300, Syd: 200, Bergslagen: null };
  const svg = policeRegionMap({ ...base, id: 'polis', title: 'Per polisregion', values, legendTitle: 'Profiler', noDataLabel: 'Inga profiler' });

  it('gives every county its police region’s shade and value', () => {
    const $ = expectFrame(svg, 'polis', 'Per polisregion');
    expect($('path.county').length).toBe(21);
    const fillByRegion = new Map<string, Set<string>>();
    for (const c of counties) {
      const path = $(`path.county[data-code="${c.code}"]`);
      expect(path.attr('data-region')).toBe(c.policeRegion);
      const set = fillByRegion.get(c.policeRegion) ?? new Set();
      set.add(path.attr('fill')!);
      fillByRegion.set(c.policeRegion, set);
      const v = values[c.policeRegion as keyof typeof values];
      expect(path.children('title').text()).toBe(`${c.name} (polisregion ${c.policeRegion}): ${v === null ? 'Inga profiler' : v}`);
    }
    expect(fillByRegion.size).toBe(7);
    for (const fills of fillByRegion.values()) expect(fills.size).toBe(1);
    const fill = (r: string): string => [...fillByRegion.get(r)!][0]!;
    expect(fill('Bergslagen')).toBe('url(#polis-nodata)');
    expect(fill('Stockholm')).not.toBe(fill('Nord'));
    expect(hasMark($)).toBe(true);
  });

  it('labels each region with its name and value', () => {
    const $ = parse(svg);
    const labels = $('.region-label').map((_, e) => $(e).find('text').map((_, t) => $(t).text()).get().join(' ')).get();
    expect(labels).toHaveLength(7);
    expect(labels).toContain('Stockholm 400');
    expect(labels).toContain('Bergslagen Inga profiler');
  });
});

describe('class breaks', () => {
  it('rounds breaks to readable numbers', () => {
    expect(roundReadable(137.4)).toBe(140);
    expect(roundReadable(1234)).toBe(1200);
    expect(roundReadable(7.3)).toBe(7);
    expect(roundReadable(0.0437)).toBe(0.04);
  });

  it('uses each distinct value as a class when there are five or fewer', () => {
    const classes = classBreaks([3, 3, 8, 20, 0])!;
    expect(classes.breaks).toEqual([3, 8, 20]);
    expect(classLabels(classes, 'en')).toEqual(['3–7', '8–19', '20']);
    expect(classBreaks([0, 0])).toBeNull();
  });
});

describe('hostile text', () => {
  const charts: [string, string][] = [
    ['bar', barChart({ ...base, id: 'h1', title: HOSTILE_SCRIPT, emptyText: HOSTILE_ATTR, bars: [{ label: HOSTILE_SCRIPT, value: 3 }, { label: HOSTILE_ATTR, value: 1, display: HOSTILE_ATTR }] })],
    ['bar-empty', barChart({ ...base, id: 'h2', title: HOSTILE_ATTR, emptyText: HOSTILE_SCRIPT, bars: [] })],
    ['stacked', stackedBarChart({ ...base, id: 'h3', title: 't', categories: [HOSTILE_SCRIPT, HOSTILE_ATTR], series: [{ name: HOSTILE_ATTR, values: [1, 2] }, { name: HOSTILE_SCRIPT, values: [3, 4] }] })],
    ['line', lineChart({ ...base, id: 'h4', title: HOSTILE_ATTR, xLabels: [HOSTILE_SCRIPT, HOSTILE_ATTR], series: [{ name: HOSTILE_SCRIPT, values: [1, 2] }] })],
    ['map', countyMap({ ...base, id: 'h5', title: HOSTILE_SCRIPT, values: { '01': 5, '03': null }, display: { '01': HOSTILE_ATTR, '03': HOSTILE_SCRIPT }, legendTitle: HOSTILE_ATTR, noDataLabel: HOSTILE_SCRIPT })],
    ['police', policeRegionMap({ ...base, id: 'h6', title: HOSTILE_ATTR, values: { Syd: 5 }, display: { Syd: HOSTILE_SCRIPT }, legendTitle: HOSTILE_SCRIPT, noDataLabel: HOSTILE_ATTR })],
  ];

  it.each(charts)('%s chart draws hostile labels only as escaped text', (_, svg) => {
    expectInert(svg);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    const $ = parse(svg);
    const texts = $('text, title, desc').map((_, e) => $(e).text()).get().join('\n');
    expect(texts.includes(HOSTILE_SCRIPT) || texts.includes(HOSTILE_ATTR)).toBe(true);
    expect(svg.includes(escapeHtml(HOSTILE_SCRIPT)) || svg.includes(escapeHtml(HOSTILE_ATTR))).toBe(true);
  });
});

describe('determinism and self-containment', () => {
  const make = (): string[] => [
    barChart({ ...base, id: 'd1', title: 't', bars: [{ label: 'a', value: 3 }, { label: 'b', value: 1, display: '<3' }] }),
    stackedBarChart({ ...base, id: 'd2', title: 't', categories: ['a', 'b'], series: [{ name: 'x', values: [1, 2] }, { name: 'y', values: [2, 1] }] }),
    lineChart({ ...base, id: 'd3', title: 't', xLabels: ['1', '2', '3'], series: [{ name: 's', values: [1, null, 3] }] }),
    countyMap({ ...base, id: 'd4', title: 't', values: { '01': 4, '12': 9 }, legendTitle: 'L', noDataLabel: 'N' }),
    policeRegionMap({ ...base, id: 'd5', title: 't', values: { Nord: 4, Syd: 9 }, legendTitle: 'L', noDataLabel: 'N' }),
  ];

  it('returns byte-identical output for the same input', () => {
    expect(make()).toEqual(make());
  });

  it('loads nothing from outside: no links, fonts, images or scripts, only own ids referenced', () => {
    for (const svg of make()) {
      expectInert(svg);
      expect(svg).not.toMatch(/@import|@font-face|url\((?!#d\d-)/);
    }
  });
});
