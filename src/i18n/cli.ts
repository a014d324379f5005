/** What the `score` command prints, in zh-CN and en-US. */
import type { AnalysesRun } from '../engine/analyses';
import type { RfmRun } from '../engine/rfm';
import type { ScoringRun } from '../engine/run';
import type { ServiceRun } from '../engine/service';
import { columnLetter } from '../engine/address';
import { describeWarning, flagName, formatNumber, indicatorLabel, pick, tierLabel } from './scoring';
import type { Language } from './strings';
import { FLAG_IDS } from '../engine/flags';
import { isoFromSerial } from '../engine/parse';
import type { Warning } from '../engine/prepare';

export function usage(lang: Language): string {
  return lang === 'zh-CN'
    ? `用法：npm run score -- <工作簿.xlsx> [--preset evaluation|grading|maintenance|service|rfm] [--rules 规则.json]
        [--as-of YYYY-MM-DD] [--out 结果.xlsx] [--json 报告.json] [--lang zh-CN|en-US] [--breakdown] [--by 记录人]
        [--map 指标=列]… [--without 指标]… [--period-from YYYY-MM-DD] [--period-to YYYY-MM-DD] [--period-months 月数] [--no-charts] [--group-by 列]
为评估表中的每位客户计算综合得分、客户等级和预警标记，写入一份新的工作簿（原文件不会被修改）。
未指定 --preset 或 --rules 时，自动选用与表头和数据最匹配的方案。
各指标按表头和数据自动对应到列；--map 指标=列 指定某个指标读取的列（指标写编号或名称，列写列字母或表头，可重复），
--without 指标 表示团队不跟踪该指标：不计入得分，其权重按其余指标重新分配（可重复）。
工作簿中有服务水平评价表时，同时汇总服务得分（百分制）、短板维度和净推荐值（NPS）；有交易记录表，或客户表同时有
最近交易日期、交易次数和交易金额时，同时做 RFM 分层。--preset service 只做服务评价，--preset rfm 只做 RFM 分层；
--rules 也可以给出服务评价或 RFM 的规则文件（"kind": "service" 或 "rfm"），例如加上自己问卷中某个维度的服务评价规则。
交易记录按统计期间汇总：--period-from/--period-to 指定起止日期（含），--period-months 指定月数；默认为截至基准日的 12 个月。
所用规则和本次评分记录（--by 记录人，默认为系统用户名）保存在结果工作簿中。
结果工作簿的「评分图表」工作表中会插入（或就地更新）所做分析的图表：各等级客户画像雷达图和各等级客户数条形图，服务评价各维度
平均分雷达图（全部客户及各等级）、按组比较的雷达图和推荐者/被动者/贬损者条形图，RFM 各分群客户数条形图；不再适用的旧图表会被删除。
--group-by 列 指定按哪一列（写表头）分组比较服务评价，默认按行业，没有行业列时按规模；--no-charts 表示不插入图表。`
    : `Usage: npm run score -- <workbook.xlsx> [--preset evaluation|grading|maintenance|service|rfm] [--rules rules.json]
        [--as-of YYYY-MM-DD] [--out scored.xlsx] [--json report.json] [--lang zh-CN|en-US] [--breakdown] [--by name]
        [--map indicator=column]… [--without indicator]… [--period-from YYYY-MM-DD] [--period-to YYYY-MM-DD] [--period-months n] [--no-charts] [--group-by column]
Scores every customer of the evaluation table (weighted score, tier, flags) into a copy of the
workbook; the input is never modified. Without --preset or --rules, the preset whose indicators
the headers and data match best is used. Each indicator reads the column its header and data
match; --map indicator=column sets the column one reads (the indicator by id or label, the
column by letter or header; repeatable), and --without indicator scores without one the team
does not track, sharing its weight among the others (repeatable). When the workbook has a
service survey, its service scores (out of 100), weakest dimensions and NPS come too; when it
has a transactions table, or a customer table with the last purchase date, the number of
purchases and the amount, so do RFM segments. --preset service and --preset rfm run those
alone; --rules also takes the service survey's or RFM's rules ("kind": "service" or "rfm"), such
as the service rules with a dimension of your own survey added. Purchases are counted in a period: --period-from/--period-to (both days included) or
--period-months; by default the 12 months up to the as-of date. The rules used and a run
record (--by name, the system user by default) are stored in the scored workbook. The charts
of the analyses run are inserted on the sheet “Scoring charts” (评分图表 in Chinese), or
refreshed in place there: a radar of each tier's profile and a bar of customers per tier; a
radar of the service dimensions' means (all customers and each tier), a radar of them per
group of customers and a bar of promoters, passives and detractors; a bar of customers per
RFM segment. Charts of ours that no longer apply are removed. --group-by column names the
column (by its header) the service survey is compared by, the industry by default, else the
size; --no-charts leaves the charts out.`;
}

export function summaryLines(
  run: ScoringRun,
  outPath: string,
  reportPath: string | undefined,
  lang: Language,
  rulesSource: 'preset' | 'file' | 'workbook' = 'preset',
): string[] {
  const zh = lang === 'zh-CN';
  const sep = zh ? '，' : ', ';
  const list = zh ? '、' : ', ';
  const label = (id: string) => indicatorLabel(run.rules, id, lang);
  const without = run.summary.without.map(label).join(list);
  // Columns found from a concept or partial header: worth a look.
  const guessed = Object.entries(run.evaluation.indicators)
    .filter(([, m]) => m.guessed)
    .map(([id, m]) => (zh ? `${label(id)} ← ${columnLetter(m.column)}列「${m.header}」` : `${label(id)} ← column ${columnLetter(m.column)} “${m.header}”`))
    .join(zh ? '；' : '; ');
  const tiers = run.rules.tiers.map((t) => `${tierLabel(t, lang)} ${run.summary.tiers[t.id] ?? 0}`).join(sep);
  const flags = FLAG_IDS.filter((id) => run.summary.flags[id] > 0)
    .map((id) => `${flagName(id, lang)} ${run.summary.flags[id]}`)
    .join(sep);
  const where = `${run.evaluation.table.sheet}`;
  // Rows left out of the table change who is scored: said here, not only in the JSON report.
  const skipped = run.warnings.filter((w) => w.code === 'rows-skipped').map((w) => describeWarning(w, run.rules, lang));
  const lines = zh
    ? [
        `已按${rulesSource === 'workbook' ? '工作簿中保存的' : ''}「${run.rules.label.zh}」为「${where}」中的 ${run.customers.length} 位客户评分：${tiers}。`,
        flags ? `预警：${flags}。` : '没有预警。',
        ...(without ? [`未计入（不跟踪）：${without}；其权重已按其余指标重新分配。`] : []),
        ...(guessed ? [`按表头含义推测的列，请核对：${guessed}。`] : []),
        ...skipped,
        `结果已写入 ${outPath}${reportPath ? `，报告已写入 ${reportPath}` : ''}。`,
      ]
    : [
        `Scored ${run.customers.length} customers on “${where}” with ${rulesSource === 'workbook' ? 'the rules stored in the workbook, ' : ''}“${run.rules.label.en}”: ${tiers}.`,
        flags ? `Flags: ${flags}.` : 'No flags.',
        ...(without ? [`Scored without (not tracked): ${without}; their weight is shared among the other indicators.`] : []),
        ...(guessed ? [`Columns guessed from what their headers mean, worth checking: ${guessed}.`] : []),
        ...skipped,
        `Results written to ${outPath}${reportPath ? `, report to ${reportPath}` : ''}.`,
      ];
  return lines;
}

/** The survey in one sentence: customers and answers, each dimension's mean on its scale, the NPS. */
function serviceLine(service: ServiceRun, unknown: number, lang: Language): string {
  const zh = lang === 'zh-CN';
  const answers = service.customers.reduce((n, c) => n + c.rows.length, 0);
  const means = service.dimensions
    .map((d, i) => `${pick(d.label, lang)} ${service.means[i] === null ? '—' : formatNumber(service.means[i]!, 2)}/${d.scale.max}`)
    .join(zh ? '，' : ', ');
  const { nps } = service;
  const npsText =
    nps.score === null
      ? zh
        ? '没有推荐意愿回答，无法计算 NPS'
        : 'no likelihood-to-recommend answers, so no NPS'
      : zh
        ? `净推荐值 NPS ${formatNumber(nps.score, 1)}（推荐者 ${nps.promoters}、被动者 ${nps.passives}、贬损者 ${nps.detractors}，共 ${nps.answers} 份回答${nps.thin ? `，少于 ${service.rules.minAnswers} 份，仅供参考` : ''}）`
        : `NPS ${formatNumber(nps.score, 1)} (promoters ${nps.promoters}, passives ${nps.passives}, detractors ${nps.detractors}; answers ${nps.answers}${nps.thin ? `, fewer than ${service.rules.minAnswers}: a thin figure` : ''})`;
  const missing = unknown > 0 ? (zh ? `；其中 ${unknown} 位客户不在评估表中` : `; customers not in the evaluation table: ${unknown}`) : '';
  return zh
    ? `服务评价：「${service.mapping.table.sheet}」中 ${service.customers.length} 位客户的 ${answers} 条评价，各维度平均分 ${means}；${npsText}${missing}。`
    : `Service survey on “${service.mapping.table.sheet}”: customers ${service.customers.length}, answers ${answers}; dimension means ${means}; ${npsText}${missing}.`;
}

/** RFM in one sentence: customers per segment, and the period and the purchases left out when from transactions. */
function rfmLine(rfm: RfmRun, lang: Language, lead: boolean): string {
  const zh = lang === 'zh-CN';
  const segments = rfm.rules.segments.map((s) => `${pick(s.label, lang)} ${rfm.summary.segments[s.id]}`).join(zh ? '，' : ', ');
  const where = rfm.table.sheet;
  const period = rfm.period
    ? zh
      ? `（按 ${rfm.purchases} 笔交易，统计期间 ${iso(rfm.period.from)} 至 ${iso(rfm.period.to)}${rfm.outside > 0 ? `，期间外 ${rfm.outside} 笔未计入` : ''}）`
      : ` (from ${rfm.purchases} purchases, ${iso(rfm.period.from)} to ${iso(rfm.period.to)}${rfm.outside > 0 ? `; ${rfm.outside} outside the period left out` : ''})`
    : '';
  if (lead) {
    return zh
      ? `已按「${rfm.rules.label.zh}」为「${where}」中的 ${rfm.customers.length} 位客户分群${period}：${segments}。`
      : `Segmented ${rfm.customers.length} customers on “${where}” with “${rfm.rules.label.en}”${period}: ${segments}.`;
  }
  return zh ? `RFM 分群${period}：${segments}。` : `RFM segments${period}: ${segments}.`;
}

const iso = (serial: number) => isoFromSerial(serial);

/**
 * What the command prints for a run of several analyses: the primary's summary (the scoring's
 * lines, RFM's segments, or the survey), a line for each other analysis, then where the
 * results went.
 */
export function analysesSummaryLines(
  run: AnalysesRun,
  outPath: string,
  reportPath: string | undefined,
  lang: Language,
  rulesSource: 'preset' | 'file' | 'workbook' = 'preset',
): string[] {
  const zh = lang === 'zh-CN';
  const written = zh
    ? `结果已写入 ${outPath}${reportPath ? `，报告已写入 ${reportPath}` : ''}。`
    : `Results written to ${outPath}${reportPath ? `, report to ${reportPath}` : ''}.`;
  // What changes who or what is counted is said here, not only in the JSON report: a score column
  // left out of the service score, rows a table's end left out, tables whose keys cannot join.
  const said = (warnings: readonly Warning[], codes: readonly Warning['code'][]) =>
    warnings.filter((w) => codes.includes(w.code)).map((w) => describeWarning(w, undefined, lang));
  const serviceText = run.service
    ? [serviceLine(run.service, run.unknownServiceCustomers, lang), ...said(run.service.warnings, ['service-column-unused', 'rows-skipped'])]
    : [];
  const rfmNotes = run.rfm ? said(run.rfm.warnings, ['rows-skipped', 'no-purchases-in-period']) : [];
  const joinNotes = said(run.warnings, ['rows-skipped', 'join-key-kinds-differ']);
  if (run.primary === 'scoring' && run.scoring) {
    const lines = summaryLines(run.scoring, outPath, reportPath, lang, rulesSource);
    return [...lines.slice(0, -1), ...serviceText, ...(run.rfm ? [rfmLine(run.rfm, lang, false), ...rfmNotes] : []), ...joinNotes, lines[lines.length - 1]!];
  }
  if (run.primary === 'rfm' && run.rfm) {
    const flags = FLAG_IDS.filter((id) => run.rfm!.summary.flags[id] > 0)
      .map((id) => `${flagName(id, lang)} ${run.rfm!.summary.flags[id]}`)
      .join(zh ? '，' : ', ');
    return [
      rfmLine(run.rfm, lang, true),
      flags ? (zh ? `预警：${flags}。` : `Flags: ${flags}.`) : zh ? '没有预警。' : 'No flags.',
      ...rfmNotes,
      ...serviceText,
      ...joinNotes,
      written,
    ];
  }
  return [...serviceText, ...(run.rfm ? [rfmLine(run.rfm, lang, false), ...rfmNotes] : []), ...joinNotes, written];
}

/**
 * A failure nobody foresaw: the sentence in the user's language, then the technical detail
 * (an exception's own, often English, message) on a line of its own for the developers.
 */
export function unexpectedError(detail: string, lang: Language): string {
  return lang === 'zh-CN'
    ? `出现了意外错误，命令未能完成；请把下面的详情告诉开发人员。\n详情：${detail}`
    : `Something unexpected went wrong and the command did not finish; please pass the details below on to the developers.\nDetails: ${detail}`;
}
