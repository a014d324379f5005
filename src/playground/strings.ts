/** The playground's own UI strings (a dev tool, but bilingual like the add-in). */

export type PlaygroundLanguage = 'zh-CN' | 'en-US';

export interface PlaygroundStrings {
  title: string;
  subtitle: string;
  language: string;
  openFile: string;
  sample: string;
  download: string;
  loading: string;
  taskPane: string;
  workbook: string;
  noSheets: string;
  emptySheet: string;
  /** `{shown}` of `{total}` rows. */
  truncated: string;
  charts: string;
  unsupportedChart: string;
  syncs: string;
  /** Loading failed for a reason the playground cannot name (the detail follows on its own line). */
  loadFailed: string;
  /** The server answered the download of the workbook with {status} ({url}). */
  httpFailed: string;
  notSameOrigin: string;
  saveFailed: string;
  /** The technical detail of a failure, on a line after its sentence: {detail}. */
  details: string;
  paneTitle: string;
  /** The name of the list of sheet tabs. */
  sheetTabs: string;
  /** Above the grid when the add-in selected cells on the sheet: {address}. */
  selection: string;
  /** Screen-reader text of the grid's empty top-left header cell (above the row numbers, left of the column letters). */
  cornerHeader: string;
}

export const PLAYGROUND_STRINGS: Record<PlaygroundLanguage, PlaygroundStrings> = {
  'zh-CN': {
    title: '客户评分 · 演练场',
    subtitle: '真实的任务窗格，运行在模拟的 Excel 工作簿上（仅供开发）',
    language: '语言',
    openFile: '打开工作簿…',
    sample: '示例工作簿',
    download: '下载工作簿',
    loading: '正在加载工作簿…',
    taskPane: '任务窗格',
    workbook: '工作簿',
    noSheets: '工作簿中没有可见的工作表。',
    emptySheet: '此工作表为空。',
    truncated: '仅显示前 {shown} 行，共 {total} 行。',
    charts: '图表',
    unsupportedChart: '演练场不绘制此类图表：{type}',
    syncs: '已同步 {count} 次',
    loadFailed: '无法加载工作簿。',
    httpFailed: '无法加载工作簿：服务器返回了状态码 {status}（{url}）。',
    notSameOrigin: '参数 workbook 必须是同源地址：{url}',
    saveFailed: '无法保存工作簿。',
    details: '详情：{detail}',
    paneTitle: '客户评分任务窗格',
    sheetTabs: '工作表',
    cornerHeader: '行号 / 列标',
    selection: '加载项选中的单元格：{address}',
  },
  'en-US': {
    title: 'Customer Scoring · Playground',
    subtitle: 'The real task pane running on an emulated Excel workbook (development only)',
    language: 'Language',
    openFile: 'Open workbook…',
    sample: 'Sample workbook',
    download: 'Download workbook',
    loading: 'Loading the workbook…',
    taskPane: 'Task pane',
    workbook: 'Workbook',
    noSheets: 'The workbook has no visible sheet.',
    emptySheet: 'This sheet is empty.',
    truncated: 'Showing the first {shown} of {total} rows.',
    charts: 'Charts',
    unsupportedChart: 'The playground does not draw this chart type: {type}',
    syncs: '{count} syncs',
    loadFailed: 'Could not load the workbook.',
    httpFailed: 'Could not load the workbook: the server answered with status {status} ({url}).',
    notSameOrigin: 'The workbook parameter must be a same-origin address: {url}',
    saveFailed: 'Could not save the workbook.',
    details: 'Details: {detail}',
    paneTitle: 'Customer Scoring task pane',
    sheetTabs: 'Sheets',
    cornerHeader: 'Row / column',
    selection: 'Selected by the add-in: {address}',
  },
};

export const PLAYGROUND_LANGUAGES: PlaygroundLanguage[] = ['zh-CN', 'en-US'];

/** `?lang=` or the browser's language: any Chinese → zh-CN, other known → en-US; default zh-CN. */
export function playgroundLanguage(param: string | null | undefined, browser: string | undefined): PlaygroundLanguage {
  for (const candidate of [param, browser]) {
    if (!candidate) continue;
    if (/^zh/i.test(candidate)) return 'zh-CN';
    if (/^en/i.test(candidate)) return 'en-US';
  }
  return 'zh-CN';
}

/** Replaces `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
