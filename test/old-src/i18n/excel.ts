/** What the add-in writes into the workbook besides the managed columns: the charts sheet's texts. */
import type { Language } from './strings';

export const CHART_TEXTS = {
  'zh-CN': {
    sheetTitle: '客户评分图表（由客户评分加载项生成，每次运行时更新）',
    radarTitle: '各等级客户画像（平均得分，0-100）',
    radarCorner: '维度',
    barTitle: '各等级客户数',
    barCorner: '等级',
    barSeries: '客户数',
  },
  'en-US': {
    sheetTitle: 'Customer scoring charts (made by the Customer Scoring add-in, updated on every run)',
    radarTitle: 'Customer profile by tier (average score, 0-100)',
    radarCorner: 'Dimension',
    barTitle: 'Customers per tier',
    barCorner: 'Tier',
    barSeries: 'Customers',
  },
} as const satisfies Record<Language, Record<string, string>>;
