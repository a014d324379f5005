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

  it('a sentence in an Excel without ExcelApi 1.9', () => {
    expect(startupFor({ language: 'en-US', inOffice: true, supported: false, theme: 'light' }, true, enUS)).toEqual({ kind: 'notice', sentence: enUS.excelTooOld });
    expect(enUS.excelTooOld).toContain('ExcelApi 1.9');
    expect(zhCN.excelTooOld).toContain('ExcelApi 1.9');
  });

  it('outside Office: the panel when a global Excel exists (the playground), else a sentence', () => {
    expect(startupFor({ language: 'en-US', inOffice: false, supported: false, theme: 'light' }, true, enUS)).toEqual({ kind: 'panel' });
    expect(startupFor({ language: 'en-US', inOffice: false, supported: false, theme: 'light' }, false, enUS)).toEqual({ kind: 'notice', sentence: enUS.notInExcel });
  });

  it('the notice shows the product name as the heading and the sentence', () => {
    render(<Notice language="zh-CN" sentence={zhCN.notInExcel} />);
    expect(screen.getByRole('heading', { level: 1, name: '客户评分' })).toBeTruthy();
    expect(screen.getByText(zhCN.notInExcel)).toBeTruthy();
  });
});
