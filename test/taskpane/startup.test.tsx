/** @jest-environment jsdom */
import './setup';
import { render, screen } from '@testing-library/react';
import { enUS, zhCN } from '../../src/i18n/strings';
import { Notice } from '../../src/taskpane/App';
import { startupFor } from '../../src/taskpane/startup';

describe('what the task pane shows at start', () => {
  it('the panel in a supported Excel', () => {
    expect(startupFor({ language: 'zh-CN', inOffice: true, supported: true, theme: 'light' }, true, zhCN)).toEqual({ kind: 'panel' });
  });

  it('a sentence in an Excel without the declared ExcelApi 1.6, naming the Excel versions that have it', () => {
    expect(startupFor({ language: 'en-US', inOffice: true, supported: false, theme: 'light' }, true, enUS)).toEqual({
      kind: 'notice',
      sentence: enUS.excelTooOld,
    });
    expect(enUS.excelTooOld).toBe(
      'This version of Excel is too old for the add-in: it needs an Excel that supports ExcelApi 1.6, that is Excel 2019 or later on Windows, Microsoft 365, Excel on the web, or Excel for Mac 15.36 or later.',
    );
    expect(zhCN.excelTooOld).toBe(
      '此版本的 Excel 太旧，无法运行本加载项：需要支持 ExcelApi 1.6 的 Excel，即 Windows 版 Excel 2019 或更新版本、Microsoft 365、网页版 Excel，或 Mac 版 Excel 15.36 或更新版本。',
    );
  });

  it('outside Office: the panel when a global Excel exists (the playground), else a sentence', () => {
    expect(startupFor({ language: 'en-US', inOffice: false, supported: false, theme: 'light' }, true, enUS)).toEqual({ kind: 'panel' });
    expect(startupFor({ language: 'en-US', inOffice: false, supported: false, theme: 'light' }, false, enUS)).toEqual({
      kind: 'notice',
      sentence: enUS.notInExcel,
    });
  });

  it('the notice shows the product name as the heading and the sentence', () => {
    render(<Notice language="zh-CN" sentence={zhCN.notInExcel} />);
    expect(screen.getByRole('heading', { level: 1, name: '客户评分' })).toBeTruthy();
    expect(screen.getByText(zhCN.notInExcel)).toBeTruthy();
  });
});
