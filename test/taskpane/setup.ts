/** jsdom lacks a few browser APIs Fluent UI and the presets touch; stub them for the task-pane tests. */
import { configure } from '@testing-library/react';
import { webcrypto } from 'node:crypto';
import { TextDecoder, TextEncoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';

if (typeof window !== 'undefined') {
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
  }
}

// The presets copy themselves with structuredClone, which jsdom's global lacks; Node's v8 round trip is the same algorithm.
if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = (<T>(value: T): T => deserialize(serialize(value)) as T) as typeof structuredClone;
}

// excelize-wasm (the emulator's .xlsx loader) needs TextEncoder/TextDecoder, and the rules store hashes with crypto.subtle.
const g = globalThis as unknown as Record<string, unknown>;
if (typeof g.TextEncoder !== 'function') g.TextEncoder = TextEncoder;
if (typeof g.TextDecoder !== 'function') g.TextDecoder = TextDecoder;
if (!(g.crypto as Crypto | undefined)?.subtle) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });

// The machine running the tests may be busy: waiting for a state (findBy…, waitFor) gives it up to 5 s, not 1 s.
configure({ asyncUtilTimeout: 5000 });
