/** Shared set-up for the emulator suites. */
import { EmulatedExcel, EmulatorError, type EmulatorOptions } from '../../src/emulator';

/** An emulated workbook with a customer block on 客户评估!A1:C4 and a second sheet. */
export function customerWorkbook(options: EmulatorOptions = {}): EmulatedExcel {
  const excel = EmulatedExcel.empty(options);
  excel.editCell('Sheet1', 'A1:C4', [
    ['客户名称', '回款及时率', '满意度'],
    ['华东精密', 98, 4.8],
    ['北方新能源', 96, 4.6],
    ['南方物流', 91, 4.2],
  ]);
  return excel;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<EmulatorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EmulatorError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

/** The error a function throws synchronously. */
export function thrown(fn: () => unknown): EmulatorError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EmulatorError) return error;
    throw error;
  }
  throw new Error('expected the call to throw');
}
