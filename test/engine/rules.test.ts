import { parseRuleSet } from '../../src/engine/rules';
import { describeProblem } from '../../src/i18n/problems';
import { getPreset } from '../../src/presets';

function problemOf(mutate: (rules: Record<string, any>) => void) {
  const rules = structuredClone(getPreset('evaluation')) as Record<string, any>;
  mutate(rules);
  const parsed = parseRuleSet(rules);
  if (parsed.ok) throw new Error('expected the rule set to be refused');
  return parsed.problem;
}

describe('rule sets from a JSON file are validated', () => {
  it('accepts a copied preset', () => {
    expect(parseRuleSet(JSON.parse(JSON.stringify(getPreset('grading')))).ok).toBe(true);
  });

  it.each([
    [
      'a weight that is text',
      (r: any) => {
        r.indicators[2].weight = '15%';
      },
      'indicators[2].weight',
      '类型不对',
    ],
    [
      'a missing indicator type',
      (r: any) => {
        delete r.indicators[0].type;
      },
      'indicators[0].type',
      '缺失',
    ],
    [
      'an unknown value type',
      (r: any) => {
        r.indicators[1].type = 'percent';
      },
      'indicators[1].type',
      '取值不在允许范围内',
    ],
    [
      'a zero weight',
      (r: any) => {
        r.indicators[0].weight = 0;
      },
      'indicators[0].weight',
      '权重不能为 0',
    ],
    [
      'cut-offs that do not descend',
      (r: any) => {
        r.tiers[1].min = 95;
      },
      'tiers[1].min',
      '分数线必须从高到低排列',
    ],
    [
      'a gate on an unknown indicator',
      (r: any) => {
        r.tiers[0].gates = [{ indicator: 'revenue', op: '>=', value: 1 }];
      },
      'tiers[0].gates[0].indicator',
      '没有编号为「revenue」的指标',
    ],
    [
      'duplicate indicator ids',
      (r: any) => {
        r.indicators[1].id = r.indicators[0].id;
      },
      'indicators[1].id',
      '重复',
    ],
    [
      'a band with neither op nor label',
      (r: any) => {
        r.indicators[0].bands[0] = { points: 3 };
      },
      'indicators[0].bands[0]',
      '',
    ],
  ])('refuses %s, naming the field', (_what, mutate, path, zh) => {
    const problem = problemOf(mutate);
    expect(problem.path).toBe(path);
    expect(problem.message.zh).toContain(zh);
    expect(problem.message.en.length).toBeGreaterThan(3);
  });

  it('refuses a rule set from a newer version with a sentence in both languages', () => {
    const problem = problemOf((r) => {
      r.schemaVersion = 2;
    });
    expect(problem.path).toBe('schemaVersion');
    expect(problem.message.en).toMatch(/newer version/);
  });

  it('turns a refusal into one sentence in zh-CN and en-US', () => {
    const problem = problemOf((r) => {
      r.indicators[2].weight = '15%';
    });
    const params = { file: 'rules.json', path: problem.path, messageZh: problem.message.zh, messageEn: problem.message.en };
    expect(describeProblem({ code: 'bad-rules', params }, 'zh-CN')).toBe(`规则文件「rules.json」无效：字段 indicators[2].weight ${problem.message.zh}。`);
    expect(describeProblem({ code: 'bad-rules', params }, 'en-US')).toMatch(/^The rules file “rules.json” is not valid: field indicators\[2\]\.weight .+\.$/);
  });
});
