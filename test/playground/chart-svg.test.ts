import { barGeometry, chartKind, niceCeil, plotValue, pointsAttribute, radarGeometry, seriesColor } from '../../src/playground/chart-svg';

describe('chartKind', () => {
  test.each([
    ['Radar', 'radar'],
    ['RadarMarkers', 'radar'],
    ['BarClustered', 'bar'],
    ['ColumnClustered', 'column'],
    ['Pie', 'unsupported'],
  ])('%s → %s', (type, kind) => expect(chartKind(type)).toBe(kind));
});

test('plotValue reads numbers and numeric text, anything else is 0', () => {
  expect(plotValue(42.5)).toBe(42.5);
  expect(plotValue(' 7 ')).toBe(7);
  expect(plotValue('50%')).toBe(0.5);
  expect(plotValue('高')).toBe(0);
  expect(plotValue(null)).toBe(0);
  expect(plotValue(Number.NaN)).toBe(0);
});

test('niceCeil', () => {
  expect(niceCeil(0)).toBe(1);
  expect(niceCeil(7)).toBe(10);
  expect(niceCeil(10)).toBe(10);
  expect(niceCeil(11)).toBe(20);
  expect(niceCeil(23)).toBe(25);
  expect(niceCeil(0.3)).toBeCloseTo(0.5);
});

describe('radarGeometry', () => {
  const g = radarGeometry(
    ['规模', '忠诚', '信用', '潜力'],
    [
      { name: '战略级客户', values: [100, 50, 0, 150] },
      { name: '观察客户', values: [25, '40', null, -5] },
    ],
    300,
    300,
  );

  test('one spoke and label per category, first one straight up', () => {
    expect(g.axes.map((a) => a.category)).toEqual(['规模', '忠诚', '信用', '潜力']);
    expect(g.axes[0]!.end).toEqual({ x: 150, y: 150 - g.radius });
    expect(g.axes[0]!.anchor).toBe('middle');
    expect(g.axes[1]!.anchor).toBe('start'); // right
    expect(g.axes[3]!.anchor).toBe('end'); // left
  });

  test('values on a 0-100 scale, clamped', () => {
    const [top, right, bottom, left] = g.series[0]!.points;
    expect(top).toEqual({ x: 150, y: 150 - g.radius }); // 100
    expect(right!.x).toBeCloseTo(150 + g.radius / 2); // 50
    expect(bottom).toEqual({ x: 150, y: 150 }); // 0
    expect(left!.x).toBeCloseTo(150 - g.radius); // 150 → 100
    const low = g.series[1]!.points;
    expect(low[0]!.y).toBeCloseTo(150 - g.radius / 4); // 25
    expect(low[1]!.x).toBeCloseTo(150 + g.radius * 0.4); // '40'
    expect(low[3]).toEqual({ x: 150, y: 150 }); // -5 → 0
  });

  test('five rings, the outer one at the spokes’ ends', () => {
    expect(g.rings.map((r) => r.value)).toEqual([20, 40, 60, 80, 100]);
    expect(g.rings[4]!.points).toEqual(g.axes.map((a) => a.end));
  });

  test('no categories: no points, no NaN', () => {
    const empty = radarGeometry([], []);
    expect(empty.axes).toEqual([]);
    expect(JSON.stringify(empty)).not.toContain('null');
  });
});

describe('barGeometry', () => {
  const categories = ['战略级客户', '重点客户', '潜力客户', '观察客户'];
  const series = [{ name: '客户数', values: [4, 3, 7, 10] }];

  test('horizontal bars: length proportional to the value, first category at the bottom', () => {
    const g = barGeometry('horizontal', categories, series, 400, 200);
    expect(g.domain).toEqual([0, 10]);
    const [first, , , last] = g.bars;
    expect(first!.x).toBe(g.plot.x);
    expect(first!.width).toBeCloseTo(g.plot.width * 0.4);
    expect(last!.width).toBeCloseTo(g.plot.width);
    expect(first!.y).toBeGreaterThan(last!.y);
    expect(new Set(g.bars.map((b) => b.height)).size).toBe(1);
    expect(g.categories[0]!.label).toBe('战略级客户');
  });

  test('vertical columns grow up from the axis, left to right', () => {
    const g = barGeometry('vertical', categories, series, 400, 200);
    const bottom = g.plot.y + g.plot.height;
    for (const b of g.bars) expect(b.y + b.height).toBeCloseTo(bottom);
    expect(g.bars[3]!.height).toBeCloseTo(g.plot.height);
    expect(g.bars[0]!.x).toBeLessThan(g.bars[1]!.x);
  });

  test('clustered: series side by side inside each band', () => {
    const g = barGeometry(
      'vertical',
      ['a', 'b'],
      [
        { name: 's1', values: [1, 2] },
        { name: 's2', values: [3, 4] },
      ],
    );
    const a1 = g.bars.find((b) => b.series === 0 && b.category === 0)!;
    const a2 = g.bars.find((b) => b.series === 1 && b.category === 0)!;
    expect(a2.x).toBeCloseTo(a1.x + a1.width);
    expect(g.domain).toEqual([0, 5]);
  });

  test('negative values extend the domain below zero', () => {
    const g = barGeometry('horizontal', ['a', 'b'], [{ name: 's', values: [-3, 8] }]);
    expect(g.domain).toEqual([-5, 10]);
    const neg = g.bars[0]!;
    const zeroX = g.plot.x + (5 / 15) * g.plot.width;
    expect(neg.x + neg.width).toBeCloseTo(zeroX);
  });

  test('ticks span the domain', () => {
    const g = barGeometry('vertical', categories, series);
    expect(g.ticks.map((t) => t.value)).toEqual([0, 2.5, 5, 7.5, 10]);
  });
});

test('pointsAttribute and colours', () => {
  expect(
    pointsAttribute([
      { x: 1, y: 2 },
      { x: 3.5, y: 4 },
    ]),
  ).toBe('1,2 3.5,4');
  expect(seriesColor(0)).toBe(seriesColor(8));
});
