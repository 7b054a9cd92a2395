import * as assert from 'node:assert/strict';
import { fixture, iso, parse } from './helpers';

describe('log entries: multi-line traces, bad input, odd bytes', () => {
  it('a Java trace with "Caused by:" and "... N common frames omitted" is one entry with the first line\'s time', () => {
    const { entries } = parse(fixture('java-app.log'));
    assert.deepEqual(entries.map((e) => [e.level, e.lineCount, e.line]), [
      ['info', 1, 1],
      ['error', 11, 2],
      ['warn', 1, 13],
      ['error', 5, 14],
      ['info', 1, 19],
    ]);
    assert.equal(iso(entries[1].time), '2024-05-01T12:00:05.450Z');
    assert.match(entries[1].message, /^\[http-nio-8080-exec-3\] c\.s\.checkout\.web\.OrderController : Request failed for order 88123\norg\.springframework/);
    assert.match(entries[1].raw, /\.\.\. 4 common frames omitted$/);
    assert.match(entries[3].raw, /\.\.\. 5 more$/);
  });

  it('a Python traceback, chained exceptions and the blank lines between them, is one entry', () => {
    const { entries } = parse(fixture('python-app.log'));
    assert.deepEqual(entries.map((e) => [e.level, e.lineCount]), [
      ['info', 1],
      ['error', 16],
      ['warn', 1],
      ['info', 1],
    ]);
    assert.match(entries[1].raw, /KeyError: 'XK'\n\nDuring handling/);
    assert.match(entries[1].raw, /billing\.errors\.BillingError: no tax rate for XK$/);
    assert.equal(entries[2].message, 'Retrying invoice 4411 in 30s');
  });

  it('a Node trace (exception line, "    at" frames) is one entry', () => {
    const { entries } = parse(fixture('node-app.log'));
    assert.deepEqual(entries.map((e) => [e.level, e.lineCount]), [
      ['info', 1],
      ['error', 7],
      ['warn', 1],
    ]);
    assert.match(entries[1].message, /^Unhandled rejection\nTypeError: Cannot read/);
  });

  it('docker logs -t / kubectl --timestamps: a timestamp on every line of a Java trace', () => {
    const { entries, format } = parse(fixture('docker-t-java.log'));
    assert.equal(format?.format, 'text');
    assert.deepEqual(entries.map((e) => [iso(e.time), e.level, e.lineCount]), [
      ['2024-05-01T12:00:00.000Z', 'info', 1],
      ['2024-05-01T12:00:05.000Z', 'error', 6],
      ['2024-05-01T12:00:06.000Z', 'info', 1],
    ]);
    assert.match(entries[1].raw, /Caused by: java\.util\.concurrent\.TimeoutException/);
  });

  it('docker logs -t with a Python traceback (code lines and the exception line)', () => {
    const { entries } = parse(fixture('docker-t-python.log'));
    assert.deepEqual(entries.map((e) => [e.level, e.lineCount]), [
      ['error', 5],
      ['info', 1],
    ]);
    assert.match(entries[0].message, /ValueError: bad input$/);
  });

  it('a trace that follows a line with no level makes it an error', () => {
    const { entries } = parse('2024-05-01T12:00:00Z something went wrong\n    at run (/app/x.js:1:2)\n');
    assert.equal(entries.length, 1);
    assert.equal(entries[0].level, 'error');
  });

  it('mixed formats in one file: each line by whichever format fits, the rest kept raw', () => {
    const { entries, format } = parse(fixture('mixed.log'));
    assert.equal(format?.format, 'json');
    assert.deepEqual(entries.map((e) => [e.parsed, e.level]), [
      [true, 'info'],
      [true, 'error'],
      [true, 'warn'],
      [false, 'unknown'],
      [true, 'info'],
      [false, 'unknown'],
      [true, 'error'],
      [true, 'info'],
    ]);
    assert.equal(entries[3].message, 'Starting embedded broker...');
    assert.equal(entries[3].time, undefined);
  });

  it('bad lines are counted and kept, placed at the time of the entry before them; never throws', () => {
    const garbage = ['\u0000\u0001\u0002', '}{', '{"unterminated": ', '==== ====', '<<<>>>', '\t'];
    const text = ['2024-05-01T12:00:00Z INFO a', ...garbage, '2024-05-01T12:00:01Z INFO b'].join('\n');
    const { entries, placed } = parse(text);
    const unparsed = entries.filter((e) => !e.parsed);
    assert.equal(unparsed.length, 5);
    assert.ok(unparsed.every((e, i) => e.raw === garbage[i] && e.time === undefined));
    assert.equal(placed[1], Date.parse('2024-05-01T12:00:00Z'));
    assert.equal(entries[entries.length - 1].message, 'b');
  });

  it('CRLF line ends, a byte order mark, and chunk boundaries anywhere', () => {
    const text = '\uFEFF2024-05-01T12:00:00Z INFO first\r\n2024-05-01T12:00:01Z ERROR boom\r\n    at x (/a.js:1:1)\r\n2024-05-01T12:00:02Z WARN last';
    for (const chunk of [1, 2, 3, 7, 1000]) {
      const { entries } = parse(text, { chunk });
      assert.deepEqual(entries.map((e) => e.message), ['first', 'boom\n    at x (/a.js:1:1)', 'last'], `chunk ${chunk}`);
      assert.ok(entries.every((e) => !e.raw.includes('\r')));
      const bytes = Buffer.from(text);
      assert.deepEqual(entries.map((e) => e.offset), [3, bytes.indexOf('2024-05-01T12:00:01Z'), bytes.indexOf('2024-05-01T12:00:02Z')], `chunk ${chunk}`);
    }
  });

  it('bytes that are not UTF-8 are replaced, multi-byte characters split across chunks survive', () => {
    const bytes = Buffer.concat([
      Buffer.from('2024-05-01T12:00:00Z INFO caf\u00e9 \u65e5\u672c '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('\n2024-05-01T12:00:01Z INFO latin1 '),
      Buffer.from([0xe9]),
      Buffer.from('t\u00e9\n'),
    ]);
    for (const chunk of [1, 5, 64]) {
      const { entries } = parse(bytes, { chunk });
      assert.equal(entries[0].message, 'caf\u00e9 \u65e5\u672c \uFFFD\uFFFD\uFFFD', `chunk ${chunk}`);
      assert.equal(entries[1].message, 'latin1 \uFFFDt\u00e9');
      // Offsets are byte offsets even with multi-byte characters.
      assert.equal(entries[1].offset, bytes.indexOf('\n2024') + 1);
    }
  });

  it('a 5 MB single line is cut to 64 KB without losing the lines after it, quickly', () => {
    const huge = `2024-05-01T12:00:00Z ERROR payload ${'x'.repeat(5 * 1024 * 1024)}`;
    const input = Buffer.from(`2024-05-01T11:59:59Z INFO before\n${huge}\n2024-05-01T12:00:01Z INFO after\n`);
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    const { entries, parser } = parse(input, { chunk: 64 * 1024 });
    assert.ok(Date.now() - started < 2000, 'fast');
    assert.deepEqual(entries.map((e) => e.message.slice(0, 14)), ['before', 'payload xxxxxx', 'after']);
    assert.equal(entries[1].raw.length, 64 * 1024);
    assert.equal(entries[1].truncated, true);
    assert.equal(entries[1].level, 'error');
    assert.equal(parser.truncatedLines, 1);
    assert.equal(entries[2].line, 3);
    assert.equal(entries[2].offset, input.indexOf('2024-05-01T12:00:01Z'));
    assert.ok(process.memoryUsage().heapUsed - before < 40 * 1024 * 1024, 'no copy of the whole line is kept');
  });

  it('a runaway continuation (thousands of indented lines) stays capped', () => {
    const lines = ['2024-05-01T12:00:00Z ERROR dump'];
    for (let i = 0; i < 20000; i++) lines.push(`    line ${i} ${'y'.repeat(20)}`);
    const { entries } = parse(lines.join('\n'));
    assert.equal(entries.length, 1);
    assert.equal(entries[0].lineCount, 20001);
    assert.ok(entries[0].raw.length <= 64 * 1024);
    assert.equal(entries[0].truncated, true);
  });

  it('empty input and blank lines give no entries', () => {
    assert.equal(parse('').entries.length, 0);
    assert.equal(parse('\n\n   \n').entries.length, 0);
  });
});
