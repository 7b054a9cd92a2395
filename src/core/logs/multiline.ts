/**
 * Which lines continue the entry before them rather than start one: stack traces (Java, Python,
 * Node, Go) and indented continuation text. Without this, every frame of a trace would be an
 * entry and a signature of its own.
 */

// Java "Caused by:", "Suppressed:", "... 12 more"; Python's traceback header and the lines
// between chained exceptions; Go's goroutine dumps.
const CONTINUATION_START =
  /^(?:Caused by: |Suppressed: |\.\.\. \d+ (?:more|common frames omitted)|Traceback \(most recent call last\):|During handling of the above exception|The above exception was the direct cause|goroutine \d+ \[|created by )/;

// A frame once its indentation is gone: a timestamp on every line (kubectl --timestamps,
// docker -t) leaves only what follows the timestamp to look at.
const FRAME = /^(?:at (?:async )?(?:\S+ \(.*:\d+(?::\d+)?\)|[\w$.<>/\\[\]-]+\((?:[^()]*)\)|\S+:\d+:\d+)|File ".*", line \d+)/;

// An exception's first line, when it follows a log line without a timestamp of its own:
// "java.lang.IllegalStateException: boom", "TypeError: x is undefined", "ValueError: bad".
const EXCEPTION_HEADER = /^(?:[a-zA-Z_$][\w$]*\.)*[A-Z][\w$]*(?:Exception|Error|Throwable|Exit|Interrupt|Fault)(?:: |:?$)/;

export const TRACEBACK_HEADER = 'Traceback (most recent call last):';

/** A line that always continues the previous entry (checked before trying to parse it). */
export function continuesEntry(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 32 || c === 9) return true; // indented
  return CONTINUATION_START.test(line);
}

/** A parsed line whose message is a stack frame or trace line: part of the entry before it. */
export function isTraceLine(message: string): boolean {
  const t = message.trimStart();
  return FRAME.test(t) || CONTINUATION_START.test(t);
}

/** A line no format understood that opens or ends an exception: kept with the entry before it. */
export function isExceptionHeader(line: string): boolean {
  return line.length < 2000 && EXCEPTION_HEADER.test(line);
}

/** Lines that make an entry with no level an error: it carries a stack trace. */
export function showsTrace(line: string): boolean {
  const t = line.trimStart();
  return t.startsWith(TRACEBACK_HEADER) || FRAME.test(t) || t.startsWith('Caused by: ') || t.startsWith('goroutine ');
}
