/**
 * Where a JSON text stops being valid (src/engine/json-place.ts): the place the sentences of a
 * bad rules file and of damaged stored rules name. It must agree with JSON.parse on what is
 * JSON at all, and name the first character that cannot be read.
 */
import fc from 'fast-check';
import { jsonFault, lineAndColumn } from '../../src/engine/json-place';

describe('jsonFault', () => {
  it('finds nothing wrong in any JSON that JSON.stringify writes, however nested or escaped', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        expect(jsonFault(JSON.stringify(value, null, indent))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on texts made of JSON’s own pieces', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '0', '1', '-', '.', 'e', '+', ' ', '\n', 'true', 'null', 'fals', '\\', 'u', 'a', '客');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }).map((p) => p.join('')),
        (text) => {
          let parses = true;
          try {
            JSON.parse(text);
          } catch {
            parses = false;
          }
          expect(jsonFault(text) === undefined).toBe(parses);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['{"a": 1,}', { fault: 'near', offset: 8 }],
    ['[1, 2', { fault: 'end', offset: 5 }],
    ['{"a": "\\q"}', { fault: 'near', offset: 8 }],
    ['{"a": 01}', { fault: 'near', offset: 7 }],
    ['{"a": 1} x', { fault: 'near', offset: 9 }],
    ['  \n ', { fault: 'empty', offset: 0 }],
  ])('%j fails at %j', (text, place) => {
    expect(jsonFault(text)).toEqual(place);
  });

  it('reads 100,000 nested brackets without overflowing the stack', () => {
    expect(jsonFault(`${'['.repeat(100_000)}${']'.repeat(99_999)}`)).toEqual({ fault: 'end', offset: 199_999 });
  });
});

describe('lineAndColumn', () => {
  it('counts lines ended by LF, CRLF or CR, and columns in characters', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\rcd\n𝟘x', 8)).toEqual({ line: 3, column: 2 });
    expect(lineAndColumn('客户,', 2)).toEqual({ line: 1, column: 3 });
  });
});
