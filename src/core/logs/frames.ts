/**
 * Stack frames inside log entries (Java, Python, Node, Go), as printed: file, line, column and
 * function. Mapping a frame to a workspace file is done elsewhere; this only reads them.
 */

import type { LogEntry, LogStackFrame } from '../model/logs';
import { fieldAt } from './success';

const MAX_FRAMES = 200;
// Loggers that keep the trace in a field rather than in the message.
const STACK_FIELDS = ['err.stack', 'error.stack', 'error.stack_trace', 'stack', 'stack_trace', 'stacktrace', 'exception', 'exc_info', 'exception.stacktrace'];

// at com.shop.Checkout.pay(Checkout.java:42) / at java.base/java.lang.Thread.run(Thread.java:833)
const JAVA = /^\s*at\s+(?:[\w.$-]+(?:@[\w.-]+)?\/)?([\w$.<>]+)\(([^():]*)(?::(\d+))?\)\s*$/;
// File "/app/handlers.py", line 42, in checkout
const PYTHON = /^\s*File "([^"]+)", line (\d+)(?:, in (.+))?\s*$/;
// at fn (/app/x.js:1:2) / at /app/x.js:1:2 / at async Promise.all (index 0) / at new Foo (file:///app/x.mjs:3:9)
const NODE = /^\s*at (?:async )?(?:(.+?) \()?((?:file:\/\/|node:)?[^()\s]+?):(\d+):(\d+)\)?\s*$/;
// Go: "main.(*Server).handle(...)" then "\t/app/server.go:42 +0x1d"
const GO_FILE = /^\s+(\/[^\s:]+\.go|[A-Za-z]:[\\/][^\s:]+\.go):(\d+)(?: \+0x[0-9a-f]+)?\s*$/;
const GO_FUNC = /^([\w./*()\-[\]]+)\((?:[^()]*)\)\s*$/;

const JAVA_PLATFORM = /^(?:java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|org\.springframework|org\.apache|io\.netty|reactor)\./;

export function extractFrames(text: string): LogStackFrame[] {
  const frames: LogStackFrame[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && frames.length < MAX_FRAMES; i++) {
    const line = lines[i];
    const trimmed = line.trimStart();
    if (trimmed.startsWith('at ')) {
      const j = JAVA.exec(line);
      if (j && /\.(?:java|kt|scala|groovy|clj)$/.test(j[2])) {
        frames.push({ language: 'java', file: j[2], line: j[3] ? Number(j[3]) : undefined, function: j[1], internal: JAVA_PLATFORM.test(j[1]) });
        continue;
      }
      const n = NODE.exec(line);
      if (n) {
        const file = n[2];
        frames.push({
          language: 'node',
          file,
          line: Number(n[3]),
          column: Number(n[4]),
          function: n[1] || undefined,
          internal: file.startsWith('node:') || file.includes('/node_modules/') || file.includes('\\node_modules\\') || file === 'internal' || file.startsWith('internal/'),
        });
      }
      continue;
    }
    if (trimmed.startsWith('File "')) {
      const p = PYTHON.exec(line);
      if (p) {
        const file = p[1];
        frames.push({
          language: 'python',
          file,
          line: Number(p[2]),
          function: p[3]?.trim(),
          internal: file.startsWith('<') || /[\\/](?:site-packages|dist-packages)[\\/]|[\\/]lib[\\/]python\d/.test(file),
        });
      }
      continue;
    }
    const g = GO_FILE.exec(line);
    if (g) {
      const fn = i > 0 ? GO_FUNC.exec(lines[i - 1].trim()) : null;
      frames.push({ language: 'go', file: g[1], line: Number(g[2]), function: fn?.[1], internal: /\/(?:go\/src|libexec\/src|pkg\/mod)\//.test(g[1]) || g[1].startsWith('/usr/local/go/') });
    }
  }
  return frames;
}

/** Frames of an entry: from its text, and from the stack fields of structured loggers. */
export function framesOfEntry(entry: LogEntry): LogStackFrame[] {
  const frames = extractFrames(entry.raw.includes('\n') ? entry.raw : entry.message);
  if (entry.fields) {
    for (const path of STACK_FIELDS) {
      const v = fieldAt(entry.fields, path);
      const text = typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('\n') : undefined;
      if (text) frames.push(...extractFrames(text));
    }
  }
  return frames.slice(0, MAX_FRAMES);
}
