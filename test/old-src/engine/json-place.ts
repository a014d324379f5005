/**
 * Where a JSON text stops being valid, found by scanning it ourselves: JSON.parse's message is
 * English, differs between engines (Node, Edge, Safari) and gives a position only sometimes,
 * so a sentence in either language is built from the place instead ("第 3 行第 5 列附近" /
 * "near line 3, column 5").
 */

/** How a JSON text fails: at a place inside it, at its end (cut short), or by being empty. */
export type JsonFault = 'near' | 'end' | 'empty';

export interface JsonPlace {
  fault: JsonFault;
  /** UTF-16 offset of the first character that cannot be read (the text's length when it ends too early). */
  offset: number;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * The first place where `text` is not JSON (RFC 8259), or undefined when it is valid.
 * Iterative (an explicit stack), so deeply nested input cannot overflow the call stack.
 */
export function jsonFault(text: string): JsonPlace | undefined {
  let i = 0;
  const n = text.length;
  const skip = () => {
    while (i < n && WS.has(text[i]!)) i++;
  };
  const fail = (at: number): JsonPlace => ({ fault: at >= n ? 'end' : 'near', offset: Math.min(at, n) });
  skip();
  if (i >= n) return { fault: 'empty', offset: 0 };

  /** Reads one string from i (at its opening quote); returns the fault or undefined. */
  const string = (): JsonPlace | undefined => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fail(i);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) return fail(n);
        if ('"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            if (i + k >= n) return fail(n);
            if (!/[0-9a-fA-F]/.test(text[i + k]!)) return fail(i + k);
          }
          i += 6;
        } else return fail(i + 1);
      } else i++;
    }
    return fail(n);
  };

  const number = (): JsonPlace | undefined => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (/[1-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++;
    else return fail(i);
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) return fail(i);
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) return fail(i);
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    return undefined;
  };

  const literal = (word: string): JsonPlace | undefined => {
    for (let k = 0; k < word.length; k++) if (text[i + k] !== word[k]) return fail(i + k);
    i += word.length;
    return undefined;
  };

  // What each open container expects next.
  type Frame = { kind: 'object' | 'array'; state: 'first' | 'value' | 'after' | 'key' };
  const stack: Frame[] = [];
  let wantValue = true;
  for (;;) {
    skip();
    if (wantValue) {
      if (i >= n) return fail(n);
      const c = text[i]!;
      let fault: JsonPlace | undefined;
      if (c === '{' || c === '[') {
        i++;
        stack.push({ kind: c === '{' ? 'object' : 'array', state: 'first' });
        wantValue = false;
        continue;
      }
      if (c === '"') fault = string();
      else if (c === '-' || (c >= '0' && c <= '9')) fault = number();
      else if (c === 't') fault = literal('true');
      else if (c === 'f') fault = literal('false');
      else if (c === 'n') fault = literal('null');
      else return fail(i);
      if (fault) return fault;
      wantValue = false;
      const top = stack[stack.length - 1];
      if (!top) {
        skip();
        return i < n ? fail(i) : undefined;
      }
      top.state = 'after';
      continue;
    }
    const top = stack[stack.length - 1]!;
    if (i >= n) return fail(n);
    const c = text[i]!;
    if (top.state === 'first' && c === (top.kind === 'object' ? '}' : ']')) {
      i++;
      if (closed()) return done();
      continue;
    }
    if (top.state === 'after') {
      if (c === ',') {
        i++;
        top.state = top.kind === 'object' ? 'key' : 'value';
        if (top.kind === 'array') wantValue = true;
        continue;
      }
      if (c === (top.kind === 'object' ? '}' : ']')) {
        i++;
        if (closed()) return done();
        continue;
      }
      return fail(i);
    }
    if (top.kind === 'array') {
      // 'first' with something other than ']': a value.
      top.state = 'value';
      wantValue = true;
      continue;
    }
    // An object's key, then ':'.
    if (c !== '"') return fail(i);
    const fault = string();
    if (fault) return fault;
    skip();
    if (i >= n) return fail(n);
    if (text[i] !== ':') return fail(i);
    i++;
    top.state = 'value';
    wantValue = true;
  }

  /** Pops the closed container; true when it was the outermost one. */
  function closed(): boolean {
    stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) return true;
    parent.state = 'after';
    return false;
  }

  function done(): JsonPlace | undefined {
    skip();
    return i < n ? fail(i) : undefined;
  }
}

/** Line and column (1-based, counted in characters) of a UTF-16 offset; CRLF, LF and CR each end a line. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: [...text.slice(start, offset)].length + 1 };
}

/**
 * The parameters of a 'bad-json' problem for a text JSON.parse refused: how it fails and its
 * line and column; none when our scan finds it valid after all (the sentence then names no place).
 */
export function jsonFaultParams(text: string): { fault: JsonFault; line: number; column: number } | Record<string, never> {
  const place = jsonFault(text);
  if (!place) return {};
  return { fault: place.fault, ...lineAndColumn(text, place.offset) };
}
