/**
 * Zod without its eval probe, for the pages that run under the content security policy
 * (src/taskpane/taskpane.html, src/playground/index.html: no 'unsafe-eval'). Before its first
 * parse, zod tries `new Function("")` to see whether it may compile fast parsers; the policy
 * refuses it, zod falls back, but the refusal is still reported as a policy violation, which
 * would hide a real one. `jitless` skips the probe. Imported first by the browser entries
 * (index.tsx of the pane and of the playground); the `score` command (node, no policy) keeps
 * zod's default.
 */
import { z } from 'zod';

z.config({ jitless: true });
