/**
 * Every user-visible string of the task pane, in the two supported languages.
 *
 * Flat on purpose: one key per string. To add one, add the key to `Strings` and the
 * compiler will ask for both translations. The ribbon and add-in names live in
 * manifest.xml (Office reads them before any of this code runs).
 */

export type Language = 'zh-CN' | 'en-US';

/** A sentence with a count in it: English has a form for one and one for the rest; Chinese uses the same text for both. */
export type Plural = { one: string; other: string };

/** The form of a `Plural` that fits `count` in `language` (Intl.PluralRules). */
export function plural(p: Plural, count: number, language: Language): string {
  return new Intl.PluralRules(language).select(count) === 'one' ? p.one : p.other;
}

/** The same text whatever the count (Chinese). */
function same(text: string): Plural {
  return { one: text, other: text };
}

export type Strings = {
  /** Product name, shown as the panel heading and the document title. */
  productName: string;
  /** Outside Excel, with no Excel to talk to. */
  notInExcel: string;
  /** Excel lacks the requirement set of manifest.xml (ExcelApi 1.6): names the versions that have it. */
  excelTooOld: string;
  /** Spinner label while the workbook is scanned. */
  loadingTables: string;
  /** Button: scan the workbook again. */
  refresh: string;
  /** An error that is not a ScoringError (a bug or an Excel failure without code). */
  unexpectedError: string;
  /** The evaluation table's role. */
  roleEvaluation: string;
  /** The follow-up log's role. */
  roleFollowUp: string;
  /** The service survey's role. */
  roleService: string;
  /** A role with no table found. */
  tableNotFound: string;
  /** Label: the table's sheet. */
  tableSheet: string;
  /** Label: the table's range. */
  tableRange: string;
  /** Label: the Excel table's name. */
  tableExcelName: string;
  /** Value when the table is a plain range, not an Excel table. */
  tablePlainRange: string;
  /** Label: the share of indicators the table's headers cover. */
  tableConfidence: string;
  /** Dropdown label: which candidate to score as the evaluation table. */
  tablePick: string;
  /** A candidate table in the dropdown: {sheet}, {range}, {name}. */
  candidateNamed: string;
  /** A candidate plain range in the dropdown: {sheet}, {range}. */
  candidatePlain: string;
  /** Dropdown label: the rule set to score with. */
  presetPick: string;
  /** Dropdown option: the rules stored in the workbook, {name} is their label. */
  storedRulesOption: string;
  /** Note above the indicator mapping: columns are matched by header and can be changed. */
  mappingAutomatic: string;
  /** Dropdown option: the indicator reads no column. */
  noColumn: string;
  /** Button: forget the columns chosen by hand and match by header again. */
  resetMapping: string;
  /** Sub-heading above the indicator list. */
  indicatorsHeading: string;
  /** An indicator with no column. */
  notMapped: string;
  /** An optional indicator with no column. */
  notMappedOptional: string;
  /** Why Apply is disabled: {indicators} lists the unmapped required indicators. */
  blockedUnmapped: string;
  /** Why Apply is disabled: the chosen table has no customer key column. */
  blockedNoKey: string;
  /** Beside a column found from what its header means (a concept or partial match, `MappedColumn.guessed`). */
  mappingGuessed: string;
  /** Beside a column the user chose (`MappedColumn.chosen`). */
  mappingChosen: string;
  /** Under an unmapped indicator whose best-named column was refused for its data: {column} letter, {header}. */
  mappingRefused: string;
  /** Under an unmapped required indicator: the two ways out, right there. */
  mappingChooseHint: string;
  /** Under a required indicator without a column: {why} is mappingRefused (or ''), {hint} mappingChooseHint. */
  mappingMissing: string;
  /** The blocked Apply's button: bring the user to the column choice of {indicator}. */
  chooseColumnFor: string;
  /** After Apply, when indicators were scored without: {indicators}. */
  resultsWithout: string;
  /** Option beside the column choice: the team does not track this indicator (ScoringOptions.without). */
  scoreWithout: string;
  /** An indicator scored without: what that means for the score. */
  scoredWithout: string;
  /** Primary button: score and write the results. */
  applyButton: string;
  /** What Apply writes: {columns} are the managed column headers. */
  applyExplain: string;
  /** Label of the as-of date field. */
  asOfLabel: string;
  /** Hint under the as-of date field. */
  asOfHint: string;
  /** The as-of field holds no date. */
  asOfInvalid: string;
  /** Label of the field naming who runs the scoring (kept in the run record). */
  byLabel: string;
  /** Hint under it. */
  byHint: string;
  /** Header of the run records' "who" column. */
  runBy: string;
  /** Why Apply is disabled while the as-of date is not a date. */
  blockedAsOf: string;
  /** In the summary: the date the flags were measured against: {date}. */
  resultsAsOf: string;
  /** After Apply, when the evaluation table was sorted after the preview and its rows were scored again. */
  rescoredSorted: string;
  /** … when values in it were edited. */
  rescoredEdited: string;
  /** … when rows were added. */
  rescoredRowsAdded: string;
  /** … when rows were deleted. */
  rescoredRowsRemoved: string;
  /** … when rows moved (a blank row inserted among them). */
  rescoredMoved: string;
  /** … when only the follow-up log changed. */
  rescoredFollowUp: string;
  /** After Apply: the rows were scored again because the survey, the purchases or the customer table changed after the preview. */
  rescoredAnalysisTables: string;
  /** Progress label while the tables are read and scored. */
  progressScoring: string;
  /** Progress label while the results are written. */
  progressWriting: string;
  /** Heading of the results summary. */
  resultsHeading: string;
  /** Summary sentence: {count} customers on {sheet} with the rules {rules}. */
  resultsScored: Plural;
  /** Sub-heading: customers per tier. */
  tiersHeading: string;
  /** Table header: the tier. */
  tierColumn: string;
  /** Table header: number of customers. */
  customersColumn: string;
  /** Sub-heading: flags raised. */
  flagsHeading: string;
  /** Table header: the flag. */
  flagColumn: string;
  /** Header of the flag table's column of Select buttons. */
  selectColumn: string;
  /** Button in a flag's row: select those customers' rows in the sheet. */
  selectFlagged: string;
  /** The button's accessible name: {flag}, {count}. */
  selectFlaggedLabel: Plural;
  /** Button: select every flagged customer's row: {count}. */
  selectAllFlagged: Plural;
  /** After selecting: {count} rows on {sheet}. */
  selectedRows: Plural;
  /** After selecting, when there were more blocks than the panel selects at once: {blocks}, {selected}, {count}, {column}. */
  selectedFirstRows: string;
  /** No flag was raised. */
  noFlags: string;
  /** Sub-heading: warnings of the run. */
  warningsHeading: string;
  /** Button after a run: back to the tables (scans again). */
  scoreAgain: string;
  /** Explains the section: edits change the preview, nothing is written until Apply. */
  weightsExplain: string;
  /** Weight of a risk indicator (subtracts): {weight} is its magnitude in %. */
  riskWeight: string;
  /** Weight of an indicator: {weight} in %. */
  plainWeight: string;
  /** Label of a weight's number field: {indicator}. */
  weightInput: string;
  /** Label of a risk weight's number field (edits the magnitude): {indicator}. */
  riskWeightInput: string;
  /** An indicator's effective share of the score: {share}. */
  weightShare: string;
  /** Notice: the positive weights add up to {total}, not 100 %. */
  weightsNotHundred: string;
  /** Sub-heading: the numeric bands of the indicators. */
  bandsHeading: string;
  /** Label of a band's threshold: {n} is the band number, {op} its comparison. */
  bandThreshold: string;
  /** Label of a band's points: {n} is the band number. */
  bandPoints: string;
  /** An indicator with no numeric bands (category labels only). */
  noNumericBands: string;
  /** Points of a category band: {label}. */
  labelPoints: string;
  /** Sub-heading: the tier cut-offs. */
  cutOffsHeading: string;
  /** Label of a tier's cut-off: {tier}. */
  cutOffInput: string;
  /** Button: back to the preset's (or stored) rules. */
  resetRules: string;
  /** The edited rules are invalid: {where}, {message}. */
  rulesInvalid: string;
  /** Where a problem is: the tier {tier}'s cut-off. */
  whereCutOff: string;
  /** Where a problem is: the indicator {indicator}. */
  whereIndicator: string;
  /** Heading of the Live preview section. */
  previewHeading: string;
  /** Spinner label while the preview reads the tables. */
  previewLoading: string;
  /** The preview could not read the tables: {reason}. */
  previewFailed: string;
  /** Accessible name of the tier bar: {counts}. */
  previewBarLabel: string;
  /** One tier in the bar's name: {tier} {count}. */
  previewBarPart: string;
  /** Tier changes against the unedited rules: {up}, {down}. */
  previewMoves: Plural;
  /** No tier changes against the unedited rules. */
  previewNoMoves: string;
  /** The edits are invalid: the preview shows the last valid rules. */
  previewStale: string;
  /** Why Apply is disabled while the edited rules are invalid. */
  blockedInvalidRules: string;
  /** Heading of the Charts section. */
  chartsHeading: string;
  /** What the charts are and where they go. */
  chartsExplain: string;
  /** After an Apply of several analyses: the charts it will draw follow, one per line. */
  chartsExplainAnalyses: string;
  /** Button: insert or refresh the charts of the last run. */
  chartsButton: string;
  /** Spinner label while the charts are inserted. */
  chartsBusy: string;
  /** Confirmation after the charts were inserted. */
  chartsDone: string;
  /** Field: the column whose values group the survey's customers in the group radar. */
  chartsGroupLabel: string;
  /** Under that field: what the group radar shows. */
  chartsGroupHint: string;
  /** The choice of no group radar. */
  chartsGroupNone: string;
  /** The survey's customers have no category column to group them by. */
  chartsNoGroup: string;
  /** What the section does. */
  rulesExplain: string;
  /** Button: store the current rules and mapping in the workbook. */
  saveRules: string;
  /** Confirmation after the rules were stored. */
  rulesSaved: string;
  /** Button: download the current rules as a JSON file. */
  exportRules: string;
  /** Confirmation after the export: {file}. */
  rulesExported: string;
  /** Button / label: choose a rules JSON file to import. */
  importRules: string;
  /** Confirmation after an import: {name} and {file}. */
  rulesImported: string;
  /** What the section does when the workbook has no evaluation score (the service survey, RFM): export and import, Apply stores. */
  rulesExplainAnalyses: string;
  /** Button: download the evaluation score's rules, when the service or RFM rules are exported beside them. */
  exportScoringRules: string;
  /** Button: download the service survey's rules in use as a JSON file. */
  exportServiceRules: string;
  /** Button: download RFM's rules in use (with the weights and months set) as a JSON file. */
  exportRfmRules: string;
  /** File name of the exported service rules. */
  serviceRulesFile: string;
  /** File name of the exported RFM rules. */
  rfmRulesFile: string;
  /** Confirmation after a service rules file was imported: {name} and {file}. */
  serviceRulesImported: string;
  /** Confirmation after an RFM rules file was imported: {name} and {file}. */
  rfmRulesImported: string;
  /** An analysis's rules imported into a workbook without its tables. */
  serviceRulesIdle: string;
  rfmRulesIdle: string;
  /** Why saving and exporting are unavailable: the edits are invalid. */
  rulesInvalidNoSave: string;
  /** Dropdown option: the rules imported from a file, {name} is their label. */
  importedRulesOption: string;
  /** Sub-heading: the last runs recorded in the workbook. */
  runsHeading: string;
  /** Caption of the runs table: {count} of {total}. */
  runsCaption: Plural;
  /** Table header: when the run was. */
  runWhen: string;
  /** Table header: the rules used. */
  runPreset: string;
  /** Table header: the rules hash. */
  runHash: string;
  /** Table header: customers scored. */
  runCustomers: string;
  /** Table header: customers per tier. */
  runTiers: string;
  /** One tier in a run's counts: {tier} {count}. */
  runTierPart: string;
  /** The rules in use, in the summary of what was found. */
  foundRules: string;
  /** A table found: {sheet} {range}. */
  foundTable: string;
  /** The evaluation table's customers, after its place: {count}. */
  foundCustomers: Plural;
  /** Heading of the evaluation-score analysis (the as-of date, the preview, Apply and its tuning). */
  scoreHeading: string;
  /** Accessible name of the tuning sections. */
  tuningLabel: string;
  /** Tuning section: the evaluation table and the column of each indicator. */
  sectionMapping: string;
  /** Tuning section: the weights. */
  sectionWeights: string;
  /** Tuning section: the bands and the tier cut-offs. */
  sectionBands: string;
  /** Tuning section: the rules in use, the rules file and the runs recorded. */
  sectionRules: string;
  /** Marker on a tuning section's header when it holds edits. */
  editedMarker: string;
  /** Flags heading in the preview: {date}. */
  previewFlagsAsOf: string;
  /** One flag in the preview's list: {flag} {count}. */
  previewFlagPart: string;
  /** One click for invalid edits: open the section where the problem is. */
  fixInvalidRules: string;
  /** One click for a table without a customer name or ID: open the table choice. */
  fixNoKey: string;
  /** No table: the rules that find one follow as buttons. */
  noTableOffers: string;
  /** Button: score with other rules: {name}. */
  useRules: string;
  /** No table: the dropdown of the tables found. */
  noTablePick: string;
  /** After Apply: where the managed columns are: {sheet}, {columns} (letters, e.g. O–Q). */
  writtenTo: string;
  /** Button: select the managed columns' cells in the sheet. */
  selectWritten: string;
  /** After that selection: {range} on {sheet}. */
  selectedWritten: string;
  /** While a part of the pane opened for the first time loads. */
  loadingSection: string;
  /** The transactions table's role (one row per purchase, for RFM). */
  roleTransactions: string;
  /** Accessible name of the list of analyses (tabs). */
  analysesLabel: string;
  /** Tab: the evaluation score. */
  tabScore: string;
  /** Tab: the service survey. */
  tabService: string;
  /** Tab: RFM segments. */
  tabRfm: string;
  /** Heading of the service-survey analysis. */
  serviceHeading: string;
  /** Heading of the RFM analysis. */
  rfmHeading: string;
  /** The survey read: {customers} customers, {rows} rows. */
  serviceSummary: Plural;
  /** The mean of the customers' service scores out of 100: {mean}. */
  serviceMean: string;
  /** Accessible name of the service scores' distribution: {counts}. */
  serviceBandsLabel: string;
  /** One band of the distribution: {band} {count}. */
  serviceBandPart: string;
  /** Table heading: each dimension's mean and the customers it is weakest for. */
  dimensionsHeading: string;
  /** Table header: the dimension. */
  dimensionColumn: string;
  /** Table header: the dimension's mean over the customers. */
  dimensionMeanColumn: string;
  /** Table header: customers whose weakest dimension it is. */
  dimensionWeakestColumn: string;
  /** A dimension's mean on its scale: {mean}, {max}. */
  dimensionMean: string;
  /** Heading: the net promoter score. */
  npsHeading: string;
  /** The NPS and its groups: {score}, {promoters}, {passives}, {detractors}, {answers}. */
  npsValue: string;
  /** The survey has no 推荐意愿 column. */
  npsNoColumn: string;
  /** Survey customers the customer table lacks: {count}, {table}, {names}. */
  serviceUnknown: Plural;
  /** The evaluation table, inside a sentence. */
  evaluationTableWord: string;
  /** The customer table, inside a sentence. */
  customerTableWord: string;
  /** Accessible name of the segments' bar: {counts}. */
  rfmSegmentsLabel: string;
  /** The mean RFM score under the weights set: {mean}. */
  rfmMeanScore: string;
  /** Where the letters come from: {purchases} purchases, {from}, {to}, {outside} outside. */
  rfmFromTransactions: string;
  /** Where the letters come from: the customer table's own columns ({sheet}). */
  rfmFromColumns: string;
  /** Heading: the values each letter's scores 1-5 stand for. */
  rfmCutsHeading: string;
  /** Table header: the letter score 1-5. */
  rfmScoreColumn: string;
  /** Tuning section: RFM's weights per letter. */
  sectionRfmWeights: string;
  /** Tuning section: the period purchases are counted in. */
  sectionPeriod: string;
  /** What the weights change. */
  rfmWeightsNote: string;
  /** Example weights: an online shop raises F. */
  rfmExampleShop: string;
  /** Example weights: a manufacturer raises M. */
  rfmExampleMaker: string;
  /** Weights that cannot score. */
  rfmWeightsInvalid: string;
  /** Field: the period's first day. */
  periodFrom: string;
  /** Field: the period's last day. */
  periodTo: string;
  /** Empty period fields: the {months} months up to the as-of date. */
  periodHint: string;
  /** The period in use: {from}, {to}. */
  periodNow: string;
  /** Field: the months the period spans when its first day is empty. */
  periodMonths: string;
  /** Under that field. */
  periodMonthsHint: string;
  /** That field holds no whole number of months from 1 to 120. */
  periodMonthsInvalid: string;
  /** Button: the period back to the rules' own. */
  resetPeriod: string;
  /** Apply blocked: RFM's weights cannot score. */
  blockedRfmWeights: string;
  /** Apply blocked: a date of the period is not one. */
  blockedPeriod: string;
  /** Apply blocked: the period's months are not a whole number from 1 to 120. */
  blockedPeriodMonths: string;
  /** One click: open RFM's weights. */
  fixRfmWeights: string;
  /** One click: open the period. */
  fixPeriod: string;
  /** One click from another analysis: go to the evaluation score, where the fix is. */
  fixInScore: string;
  /** Under Apply with several analyses: {parts}. */
  applyExplainAll: string;
  /** One analysis's columns and where: {columns}, {sheets}. */
  applyExplainPart: string;
  /** After Apply: the service and RFM results. */
  analysesResultsHeading: string;
  /** After Apply: the service analysis written: {count}, {nps}. */
  serviceResult: Plural;
  /** After Apply: the RFM analysis written: {count}, {segments}. */
  rfmResult: Plural;
  /** The evaluation-score tab when no evaluation table is scored. */
  noScoreTab: string;
};

export const zhCN: Strings = {
  productName: '客户评分',
  notInExcel: '本加载项需要在 Excel 中运行：请在 Excel「开始」选项卡中点击「评分面板」打开。',
  excelTooOld:
    '此版本的 Excel 太旧，无法运行本加载项：需要支持 ExcelApi 1.6 的 Excel，即 Windows 版 Excel 2019 或更新版本、Microsoft 365、网页版 Excel，或 Mac 版 Excel 15.36 或更新版本。',
  loadingTables: '正在查找表格…',
  refresh: '重新查找表格',
  unexpectedError: '出现了意外问题，操作未能完成。请重新查找表格后再试；如果问题仍然存在，请联系管理员。',
  roleEvaluation: '客户评估表',
  roleFollowUp: '客户跟进记录',
  roleService: '服务调查',
  tableNotFound: '未找到',
  tableSheet: '工作表',
  tableRange: '区域',
  tableExcelName: 'Excel 表格名称',
  tablePlainRange: '（普通区域，不是 Excel 表格）',
  tableConfidence: '匹配度',
  tablePick: '用作客户评估表的表格',
  candidateNamed: '{sheet}!{range}（{name}）',
  candidatePlain: '{sheet}!{range}',
  presetPick: '评分方案',
  storedRulesOption: '工作簿中保存的规则（{name}）',
  mappingAutomatic: '各指标已按表头和数据自动对应到列；如有不对，可在下方为该指标改选一列。',
  noColumn: '（不使用任何列）',
  resetMapping: '恢复按表头自动匹配',
  indicatorsHeading: '指标与列',
  notMapped: '未映射',
  notMappedOptional: '未映射（可选，不计入得分）',
  blockedUnmapped: '无法应用：必需指标「{indicators}」没有对应的列。请在“表格与列”中为它选择一列；若团队不跟踪此项，选择“不跟踪此项”。',
  blockedNoKey: '无法应用：所选表格没有「客户名称」或「客户编号」列。',
  mappingGuessed: '按表头含义推测，请核对',
  mappingChosen: '您选择的列',
  mappingRefused: '{column}列「{header}」的数据不像此指标，未自动使用。',
  mappingChooseHint: '请为它选择一列，或选择“不跟踪此项”。',
  mappingMissing: '没有对应的列。{why}{hint}',
  chooseColumnFor: '为「{indicator}」选择列',
  resultsWithout: '未计入得分（团队不跟踪）：{indicators}；其权重已按其余指标重新分配。',
  scoreWithout: '不跟踪此项（不计入得分）',
  scoredWithout: '不计入得分，其权重按其余指标重新分配。',
  applyButton: '应用评分',
  applyExplain: '将在评估表右侧写入以下列：{columns}。不会覆盖已有数据。',
  asOfLabel: '预警计算基准日',
  asOfHint: '跟进和流失类预警算到这一天。',
  asOfInvalid: '请输入有效日期，例如 2024/06/30。',
  byLabel: '记录人',
  byHint: '与每次评分记录一起保存在工作簿中；本机会记住它。',
  blockedAsOf: '暂不能应用：预警计算基准日不是有效日期。',
  resultsAsOf: '预警按 {date} 计算。',
  rescoredSorted: '预览之后评估表被重新排序过，因此已按各行当前的内容重新评分后写入。',
  rescoredEdited: '预览之后评估表中有数据被修改，因此已按各行当前的内容重新评分后写入。',
  rescoredRowsAdded: '预览之后评估表中增加了行，因此已按各行当前的内容重新评分后写入。',
  rescoredRowsRemoved: '预览之后评估表中删除了行，因此已按各行当前的内容重新评分后写入。',
  rescoredMoved: '预览之后评估表中的行移动了位置，因此已按各行当前的内容重新评分后写入。',
  rescoredFollowUp: '预览之后跟进记录被修改，因此已按当前的跟进记录重新评分后写入。',
  rescoredAnalysisTables: '预览之后服务调查、交易记录或客户表被修改，因此已按各表当前的内容重新计算后写入。',
  progressScoring: '正在读取并评分…',
  progressWriting: '正在写入结果…',
  resultsHeading: '评分结果',
  resultsScored: same('已按「{rules}」为「{sheet}」中的 {count} 位客户评分。'),
  tiersHeading: '各等级客户数',
  tierColumn: '等级',
  customersColumn: '客户数',
  flagsHeading: '预警',
  flagColumn: '预警',
  selectColumn: '在表中',
  selectFlagged: '选择',
  selectFlaggedLabel: same('在表中选择带有「{flag}」预警的 {count} 位客户'),
  selectAllFlagged: same('在表中选择所有带预警的客户（{count} 位）'),
  selectedRows: same('已在「{sheet}」中选中 {count} 行。'),
  selectedFirstRows: '已选中前 {blocks} 段（{count} 行中的 {selected} 行）；要查看全部，请筛选「{column}」列。',
  noFlags: '没有客户触发预警。',
  warningsHeading: '提示',
  scoreAgain: '返回并重新查找表格',
  weightsExplain: '调整权重、分档和等级分数线后，下方预览会立即更新；点击「应用评分」前不会写入工作簿。',
  riskWeight: '风险 −{weight}',
  plainWeight: '{weight}',
  weightInput: '{indicator}的权重（%）',
  riskWeightInput: '{indicator}的风险权重（%，扣分）',
  weightShare: '实际占比 {share}',
  weightsNotHundred: '权重合计 {total}，按比例折算为百分制。',
  bandsHeading: '分档',
  bandThreshold: '第 {n} 档分界值（{op}）',
  bandPoints: '第 {n} 档得分',
  noNumericBands: '该指标按类别计分，没有数值分档。',
  labelPoints: '「{label}」得分',
  cutOffsHeading: '等级分数线',
  cutOffInput: '{tier}最低分',
  resetRules: '重置为方案默认值',
  rulesInvalid: '{where}：{message}。预览仍显示上一次有效的规则。',
  whereCutOff: '「{tier}」的分数线',
  whereIndicator: '指标「{indicator}」',
  previewHeading: '实时预览',
  previewLoading: '正在读取表格以便预览…',
  previewFailed: '无法预览：{reason}',
  previewBarLabel: '各等级客户数：{counts}',
  previewBarPart: '{tier} {count} 位',
  previewMoves: same('{up} 位客户上调，{down} 位下调（与方案默认值相比）。'),
  previewNoMoves: '与方案默认值相比，没有客户的等级发生变化。',
  previewStale: '当前修改无效，预览显示的是上一次有效的规则。',
  blockedInvalidRules: '无法应用：修改后的规则无效，请先更正或重置为方案默认值。',
  chartsHeading: '图表',
  chartsExplain: '在「评分图表」工作表中插入（或刷新）各等级的维度均值雷达图和各等级客户数柱形图。',
  chartsExplainAnalyses: '在「评分图表」工作表中插入（或刷新）这些图表：',
  chartsButton: '插入/刷新图表',
  chartsBusy: '正在插入图表…',
  chartsDone: '图表已更新：评分图表工作表。',
  chartsGroupLabel: '分组对比的列',
  chartsGroupHint: '按这一列的取值把调查客户分组，每组一条雷达线，比较服务评价各维度的平均分。',
  chartsGroupNone: '不画分组雷达图',
  chartsNoGroup: '表格中没有可用来给调查客户分组的类别列（例如行业、规模），所以不画分组雷达图。',
  rulesExplain: '将当前规则（含修改）和列映射保存到工作簿，供同事打开时使用；也可以导出为 JSON 文件，或导入规则文件。',
  saveRules: '保存到工作簿',
  rulesSaved: '规则和列映射已保存到工作簿。',
  exportRules: '导出 JSON',
  rulesExported: '已导出规则文件「{file}」。',
  importRules: '导入 JSON',
  rulesImported: '已导入规则「{name}」（文件「{file}」），预览已按新规则更新。',
  rulesExplainAnalyses: '可以把正在使用的规则导出为 JSON 文件，或导入规则文件（评分规则、服务评价规则或 RFM 规则）；应用时规则会保存到工作簿。',
  exportScoringRules: '导出评分规则',
  exportServiceRules: '导出服务评价规则',
  exportRfmRules: '导出 RFM 规则',
  serviceRulesFile: '服务评价规则.json',
  rfmRulesFile: 'RFM分层规则.json',
  serviceRulesImported: '已导入服务评价规则「{name}」（文件「{file}」），服务评价的预览已按新规则更新；应用时会保存到工作簿。',
  rfmRulesImported: '已导入 RFM 规则「{name}」（文件「{file}」），RFM 的权重、统计期间和分群已按新规则更新；应用时会保存到工作簿。',
  serviceRulesIdle: '已读取服务评价规则「{name}」（文件「{file}」），但此工作簿中没有服务评价表，这些规则在这里不起作用。',
  rfmRulesIdle: '已读取 RFM 规则「{name}」（文件「{file}」），但此工作簿中没有交易记录，客户表也没有 R、F、M 所需的列，这些规则在这里不起作用。',
  rulesInvalidNoSave: '当前修改无效，无法保存或导出；请先更正或重置为方案默认值。',
  importedRulesOption: '导入的规则（{name}）',
  runsHeading: '最近的评分记录',
  runsCaption: same('最近 {count} 次评分（共 {total} 次）'),
  runWhen: '时间',
  runBy: '记录人',
  runPreset: '方案',
  runHash: '规则指纹',
  runCustomers: '客户数',
  runTiers: '各等级',
  runTierPart: '{tier} {count}',
  foundRules: '评分规则',
  foundTable: '{sheet} {range}',
  foundCustomers: same('{count} 位客户'),
  scoreHeading: '客户评估评分',
  tuningLabel: '调整',
  sectionMapping: '表格与列',
  sectionWeights: '权重',
  sectionBands: '分档与分数线',
  sectionRules: '规则与记录',
  editedMarker: '已修改',
  previewFlagsAsOf: '预警（截至 {date}）',
  previewFlagPart: '{flag} {count}',
  fixInvalidRules: '显示出错的设置',
  fixNoKey: '选择其他表格',
  noTableOffers: '以下规则能在工作簿中找到客户评估表：',
  useRules: '改用「{name}」',
  noTablePick: '或选择要评分的表格',
  writtenTo: '结果已写入「{sheet}」的 {columns} 列。',
  selectWritten: '选中这些列',
  selectedWritten: '已选中「{sheet}」的 {range}。',
  loadingSection: '正在加载…',
  roleTransactions: '交易记录',
  analysesLabel: '分析',
  tabScore: '评估得分',
  tabService: '服务评价',
  tabRfm: 'RFM 分层',
  serviceHeading: '服务评价',
  rfmHeading: 'RFM 分层',
  serviceSummary: same('调查中共 {customers} 位客户、{rows} 行评价。'),
  serviceMean: '平均服务得分（百分制）：{mean}',
  serviceBandsLabel: '服务得分分布：{counts}',
  serviceBandPart: '{band} 分 {count} 位',
  dimensionsHeading: '各维度平均分与短板',
  dimensionColumn: '维度',
  dimensionMeanColumn: '平均分',
  dimensionWeakestColumn: '短板客户数',
  dimensionMean: '{mean} / {max}',
  npsHeading: '净推荐值（NPS）',
  npsValue: 'NPS {score}：推荐者 {promoters}，被动者 {passives}，贬损者 {detractors}（共 {answers} 份回答）',
  npsNoColumn: '调查中没有推荐意愿列，无法计算 NPS。',
  serviceUnknown: same('{count} 位调查客户不在{table}中：{names}'),
  evaluationTableWord: '评估表',
  customerTableWord: '客户表',
  rfmSegmentsLabel: '各分群客户数：{counts}',
  rfmMeanScore: '平均 RFM 得分：{mean}',
  rfmFromTransactions: '按 {from} 至 {to} 的 {purchases} 笔交易计算，期间外 {outside} 笔未计入。',
  rfmFromColumns: '按「{sheet}」的最近交易、交易次数和交易金额列计算。',
  rfmCutsHeading: '各字母的分档（1-5 分）',
  rfmScoreColumn: '分',
  sectionRfmWeights: 'RFM 权重',
  sectionPeriod: '统计期间',
  rfmWeightsNote: '权重只影响 RFM 得分，不改变各字母的分数和分群。',
  rfmExampleShop: '电商：提高 F（R 1 : F 2 : M 1）',
  rfmExampleMaker: '制造业：侧重 M（R 1 : F 1 : M 2）',
  rfmWeightsInvalid: '每个权重须为 0 或正数，且至少一个大于 0。',
  periodFrom: '开始日期',
  periodTo: '结束日期',
  periodHint: '留空则为截至预警计算基准日的 {months} 个月。',
  periodNow: '统计期间：{from} 至 {to}',
  periodMonths: '月数',
  periodMonthsHint: '开始日期留空时，统计期间从结束日期（未填则为预警计算基准日）往前推这么多个月；填 1 到 120 的整数。',
  periodMonthsInvalid: '请输入 1 到 120 之间的整数。',
  resetPeriod: '恢复默认期间',
  blockedRfmWeights: 'RFM 权重无效，无法应用。',
  blockedPeriod: '统计期间的日期无效，无法应用。',
  blockedPeriodMonths: '统计期间的月数无效，无法应用。',
  fixRfmWeights: '修改 RFM 权重',
  fixPeriod: '修改统计期间',
  fixInScore: '前往评估得分',
  applyExplainAll: '将写入：{parts}。不会覆盖已有数据。',
  applyExplainPart: '{columns}（{sheets}）',
  analysesResultsHeading: '服务评价与 RFM 结果',
  serviceResult: same('已为 {count} 位客户写入服务得分和短板维度。'),
  rfmResult: same('已为 {count} 位客户写入 RFM 分群：{segments}。'),
  noScoreTab: '没有作为评估表评分的表格。',
};

export const enUS: Strings = {
  productName: 'Customer Scoring',
  notInExcel: "This add-in runs inside Excel: open it from the Scoring panel button on Excel's Home tab.",
  excelTooOld:
    'This version of Excel is too old for the add-in: it needs an Excel that supports ExcelApi 1.6, that is Excel 2019 or later on Windows, Microsoft 365, Excel on the web, or Excel for Mac 15.36 or later.',
  loadingTables: 'Finding the tables…',
  refresh: 'Find tables again',
  unexpectedError:
    'Something unexpected went wrong and the operation did not finish. Find the tables again and retry; if it keeps happening, contact your administrator.',
  roleEvaluation: 'Evaluation table',
  roleFollowUp: 'Follow-up log',
  roleService: 'Service survey',
  tableNotFound: 'Not found',
  tableSheet: 'Sheet',
  tableRange: 'Range',
  tableExcelName: 'Excel table',
  tablePlainRange: '(a plain range, not an Excel table)',
  tableConfidence: 'How sure',
  tablePick: 'Table to score',
  candidateNamed: '{sheet}!{range} ({name})',
  candidatePlain: '{sheet}!{range}',
  presetPick: 'Scoring rules',
  storedRulesOption: 'Rules stored in the workbook ({name})',
  mappingAutomatic: 'Each indicator reads the column its header and data match; if one is wrong, choose another column for it below.',
  noColumn: '(no column)',
  resetMapping: 'Match columns by header again',
  indicatorsHeading: 'Indicators and columns',
  notMapped: 'Not mapped',
  notMappedOptional: 'Not mapped (optional, left out)',
  blockedUnmapped:
    'Apply is unavailable: these required indicators have no column: {indicators}. Choose a column for each under “Table and columns”, or “Not tracked: score without it” if your team does not track it.',
  blockedNoKey: 'Apply is unavailable: the chosen table has no “Customer name” or “Customer ID” column.',
  mappingGuessed: 'Guessed from what the header means; please check',
  mappingChosen: 'Chosen by you',
  mappingRefused: 'Column {column} “{header}” was not used: its data does not look like this indicator.',
  mappingChooseHint: 'Choose its column, or “Not tracked: score without it”.',
  mappingMissing: 'No column. {why}{hint}',
  chooseColumnFor: 'Choose the column for {indicator}',
  resultsWithout: 'Scored without (not tracked): {indicators}; their weight is shared among the other indicators.',
  scoreWithout: 'Not tracked: score without it',
  scoredWithout: 'Left out of the score; its weight is shared among the other indicators.',
  applyButton: 'Apply scores',
  applyExplain: 'Writes these columns right of the evaluation table: {columns}. Existing data is never overwritten.',
  asOfLabel: 'Flags as of',
  asOfHint: 'Follow-up and churn flags count up to this day.',
  asOfInvalid: 'Enter a valid date, such as 6/30/2024.',
  byLabel: 'Recorded by',
  byHint: 'Kept in the workbook with each run record; remembered on this computer.',
  blockedAsOf: 'Apply is unavailable: the “Flags as of” date is not a valid date.',
  resultsAsOf: 'Flags as of {date}.',
  rescoredSorted: 'The evaluation table was sorted after the preview, so its rows were scored again as they are now before writing.',
  rescoredEdited: 'Data in the evaluation table was edited after the preview, so its rows were scored again as they are now before writing.',
  rescoredRowsAdded: 'Rows were added to the evaluation table after the preview, so its rows were scored again as they are now before writing.',
  rescoredRowsRemoved: 'Rows were deleted from the evaluation table after the preview, so its rows were scored again as they are now before writing.',
  rescoredMoved: 'Rows of the evaluation table moved after the preview, so they were scored again as they are now before writing.',
  rescoredFollowUp: 'The follow-up log changed after the preview, so the rows were scored again with it as it is now before writing.',
  rescoredAnalysisTables:
    'The survey, the purchases or the customer table changed after the preview, so the analyses were worked out again from them as they are now before writing.',
  progressScoring: 'Reading and scoring…',
  progressWriting: 'Writing the results…',
  resultsHeading: 'Results',
  resultsScored: {
    one: 'Scored {count} customer on “{sheet}” with the “{rules}” rules.',
    other: 'Scored {count} customers on “{sheet}” with the “{rules}” rules.',
  },
  tiersHeading: 'Customers per tier',
  tierColumn: 'Tier',
  customersColumn: 'Customers',
  flagsHeading: 'Flags',
  flagColumn: 'Flag',
  selectColumn: 'In the sheet',
  selectFlagged: 'Select',
  selectFlaggedLabel: { one: 'Select the {count} customer flagged {flag} in the sheet', other: 'Select the {count} customers flagged {flag} in the sheet' },
  selectAllFlagged: { one: 'Select the flagged customer in the sheet ({count})', other: 'Select all flagged customers in the sheet ({count})' },
  selectedRows: { one: 'Selected {count} row on “{sheet}”.', other: 'Selected {count} rows on “{sheet}”.' },
  selectedFirstRows: 'Selected the first {blocks} blocks ({selected} of {count} rows); filter the “{column}” column to see them all.',
  noFlags: 'No customer was flagged.',
  warningsHeading: 'Notes',
  scoreAgain: 'Back to the tables',
  weightsExplain: 'Change the weights, bands and tier cut-offs and the preview below follows at once; nothing is written to the workbook until you apply.',
  riskWeight: 'risk −{weight}',
  plainWeight: '{weight}',
  weightInput: 'Weight of {indicator} (%)',
  riskWeightInput: 'Risk weight of {indicator} (%, subtracts)',
  weightShare: 'Share {share}',
  weightsNotHundred: 'Weights add up to {total}; scores are normalised.',
  bandsHeading: 'Bands',
  bandThreshold: 'Band {n} threshold ({op})',
  bandPoints: 'Band {n} points',
  noNumericBands: 'This indicator scores categories; it has no numeric bands.',
  labelPoints: 'Points for “{label}”',
  cutOffsHeading: 'Tier cut-offs',
  cutOffInput: 'Lowest score for {tier}',
  resetRules: 'Reset to the preset',
  rulesInvalid: '{where}: {message}. The preview still shows the last valid rules.',
  whereCutOff: 'Cut-off of “{tier}”',
  whereIndicator: 'Indicator “{indicator}”',
  previewHeading: 'Live preview',
  previewLoading: 'Reading the tables for the preview…',
  previewFailed: 'No preview: {reason}',
  previewBarLabel: 'Customers per tier: {counts}',
  previewBarPart: '{tier} {count}',
  previewMoves: { one: '{up} customer moves up, {down} down (against the preset).', other: '{up} customers move up, {down} down (against the preset).' },
  previewNoMoves: 'Against the preset, no customer changes tier.',
  previewStale: 'The current edits are invalid; the preview shows the last valid rules.',
  blockedInvalidRules: 'Apply is unavailable: the edited rules are invalid. Correct them or reset to the preset.',
  chartsHeading: 'Charts',
  chartsExplain:
    'Inserts (or refreshes) the radar chart of each tier’s dimension averages and the bar chart of customers per tier on the Scoring charts sheet.',
  chartsExplainAnalyses: 'Inserts (or refreshes) these charts on the Scoring charts sheet:',
  chartsButton: 'Insert or refresh charts',
  chartsBusy: 'Inserting the charts…',
  chartsDone: 'Charts updated on the Scoring charts sheet.',
  chartsGroupLabel: 'Compare groups by',
  chartsGroupHint: 'The survey’s customers grouped by this column’s values: one line per group in a radar of each dimension’s mean.',
  chartsGroupNone: 'No group radar',
  chartsNoGroup: 'The tables have no category column (such as industry or size) to group the survey’s customers by, so there is no group radar.',
  rulesExplain:
    'Save the current rules (with your edits) and mapping in the workbook for colleagues who open it, export them as a JSON file, or import a rules file.',
  saveRules: 'Save to workbook',
  rulesSaved: 'The rules and mapping were saved in the workbook.',
  exportRules: 'Export JSON',
  rulesExported: 'Exported the rules file “{file}”.',
  importRules: 'Import JSON',
  rulesImported: 'Imported the “{name}” rules (file “{file}”); the preview follows them.',
  rulesExplainAnalyses:
    'Export the rules in use as JSON files, or import a rules file (scoring, service evaluation or RFM rules); Apply stores the rules in the workbook.',
  exportScoringRules: 'Export scoring rules',
  exportServiceRules: 'Export service rules',
  exportRfmRules: 'Export RFM rules',
  serviceRulesFile: 'service-rules.json',
  rfmRulesFile: 'rfm-rules.json',
  serviceRulesImported:
    'Imported the service evaluation rules “{name}” (file “{file}”); the survey’s preview follows them, and Apply stores them in the workbook.',
  rfmRulesImported: 'Imported the RFM rules “{name}” (file “{file}”); RFM’s weights, period and segments follow them, and Apply stores them in the workbook.',
  serviceRulesIdle: 'Read the service evaluation rules “{name}” (file “{file}”), but this workbook has no service survey: they do nothing here.',
  rfmRulesIdle:
    'Read the RFM rules “{name}” (file “{file}”), but this workbook has no transactions table and no customer table with the R, F and M columns: they do nothing here.',
  rulesInvalidNoSave: 'The current edits are invalid, so they cannot be saved or exported; correct them or reset to the preset.',
  importedRulesOption: 'Imported rules ({name})',
  runsHeading: 'Recent runs',
  runsCaption: { one: 'The last {count} of {total} run', other: 'The last {count} of {total} runs' },
  runWhen: 'When',
  runBy: 'By',
  runPreset: 'Rules',
  runHash: 'Rules hash',
  runCustomers: 'Customers',
  runTiers: 'Per tier',
  runTierPart: '{tier} {count}',
  foundRules: 'Rules',
  foundTable: '{sheet} {range}',
  foundCustomers: { one: '{count} customer', other: '{count} customers' },
  scoreHeading: 'Evaluation score',
  tuningLabel: 'Tuning',
  sectionMapping: 'Table and columns',
  sectionWeights: 'Weights',
  sectionBands: 'Bands and cut-offs',
  sectionRules: 'Rules and runs',
  editedMarker: 'edited',
  previewFlagsAsOf: 'Flags as of {date}',
  previewFlagPart: '{flag} {count}',
  fixInvalidRules: 'Show the invalid setting',
  fixNoKey: 'Choose another table',
  noTableOffers: 'These rules find a customer evaluation table in the workbook:',
  useRules: 'Use “{name}”',
  noTablePick: 'Or choose the table to score',
  writtenTo: 'The results are in columns {columns} of “{sheet}”.',
  selectWritten: 'Select these columns',
  selectedWritten: 'Selected {range} on “{sheet}”.',
  loadingSection: 'Loading…',
  roleTransactions: 'Transactions',
  analysesLabel: 'Analyses',
  tabScore: 'Evaluation score',
  tabService: 'Service',
  tabRfm: 'RFM',
  serviceHeading: 'Service evaluation',
  rfmHeading: 'RFM segments',
  serviceSummary: { one: '{rows} survey rows from {customers} customer.', other: '{rows} survey rows from {customers} customers.' },
  serviceMean: 'Mean service score (out of 100): {mean}',
  serviceBandsLabel: 'Service scores: {counts}',
  serviceBandPart: '{band}: {count}',
  dimensionsHeading: 'Dimension means and weakest',
  dimensionColumn: 'Dimension',
  dimensionMeanColumn: 'Mean',
  dimensionWeakestColumn: 'Weakest for',
  dimensionMean: '{mean} / {max}',
  npsHeading: 'Net promoter score (NPS)',
  npsValue: 'NPS {score}: promoters {promoters}, passives {passives}, detractors {detractors} ({answers} answers)',
  npsNoColumn: 'The survey has no likelihood-to-recommend column, so there is no NPS.',
  serviceUnknown: { one: '{count} survey customer is not in {table}: {names}', other: '{count} survey customers are not in {table}: {names}' },
  evaluationTableWord: 'the evaluation table',
  customerTableWord: 'the customer table',
  rfmSegmentsLabel: 'Customers per segment: {counts}',
  rfmMeanScore: 'Mean RFM score: {mean}',
  rfmFromTransactions: 'From {purchases} purchases between {from} and {to}; {outside} outside the period left out.',
  rfmFromColumns: 'From the recency, frequency and amount columns of “{sheet}”.',
  rfmCutsHeading: 'Cut values per letter (scores 1-5)',
  rfmScoreColumn: 'Score',
  sectionRfmWeights: 'RFM weights',
  sectionPeriod: 'Period',
  rfmWeightsNote: 'The weights change the RFM score only, never the letter scores or the segments.',
  rfmExampleShop: 'Online shop: raise F (R 1 : F 2 : M 1)',
  rfmExampleMaker: 'Manufacturer: raise M (R 1 : F 1 : M 2)',
  rfmWeightsInvalid: 'Each weight must be 0 or more, and at least one above 0.',
  periodFrom: 'From',
  periodTo: 'To',
  periodHint: 'Leave empty for the {months} months up to the as-of date.',
  periodNow: 'Period: {from} to {to}',
  periodMonths: 'Months',
  periodMonthsHint: 'When From is empty, the period goes back this many months from To (or from the as-of date); a whole number from 1 to 120.',
  periodMonthsInvalid: 'Enter a whole number from 1 to 120.',
  resetPeriod: 'Reset the period',
  blockedRfmWeights: 'The RFM weights are not valid, so Apply cannot run.',
  blockedPeriod: 'A date of the period is not valid, so Apply cannot run.',
  blockedPeriodMonths: 'The months of the period are not valid, so Apply cannot run.',
  fixRfmWeights: 'Fix the RFM weights',
  fixPeriod: 'Fix the period',
  fixInScore: 'Go to the evaluation score',
  applyExplainAll: 'Writes {parts}. Existing data is never overwritten.',
  applyExplainPart: '{columns} (in {sheets})',
  analysesResultsHeading: 'Service and RFM results',
  serviceResult: {
    one: 'Service score and weakest dimension written for {count} customer.',
    other: 'Service score and weakest dimension written for {count} customers.',
  },
  rfmResult: { one: 'RFM segment written for {count} customer: {segments}.', other: 'RFM segments written for {count} customers: {segments}.' },
  noScoreTab: 'No table is scored as an evaluation table.',
};

const BY_LANGUAGE: Record<Language, Strings> = { 'zh-CN': zhCN, 'en-US': enUS };

export function stringsFor(language: Language): Strings {
  return BY_LANGUAGE[language];
}

/**
 * The language for an Office display language (`Office.context.displayLanguage`, e.g.
 * "zh-CN", "en-US", "fr-FR"): any Chinese tag (zh, zh-CN, zh-Hans, zh-TW, ...) gives
 * zh-CN, anything else, or nothing, gives en-US.
 */
export function pickLanguage(displayLanguage: string | undefined): Language {
  const primary = (displayLanguage ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'zh' ? 'zh-CN' : 'en-US';
}
