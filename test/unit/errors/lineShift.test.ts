import * as assert from 'assert';
import { shiftLine, shiftLineByEdits } from '../../../src/core/frames/lineShift';

describe('marks follow edits (line shifts)', () => {
  const at = (startLine: number, startCharacter: number, endLine: number, text: string) => ({ startLine, startCharacter, endLine, text });

  it('moves a mark down by the lines inserted above it', () => {
    assert.equal(shiftLine(17, at(0, 0, 0, '// one\n// two\n')), 19);
  });

  it('moves a mark up by the lines deleted above it', () => {
    assert.equal(shiftLine(17, at(3, 0, 5, '')), 15);
  });

  it('keeps a mark when the edit is below it or stays on one line', () => {
    assert.equal(shiftLine(17, at(20, 0, 20, 'x\ny\n')), 17);
    assert.equal(shiftLine(17, at(17, 4, 17, 'renamed')), 17);
  });

  it('pushes the mark down with its text when lines are inserted at its start', () => {
    assert.equal(shiftLine(17, at(17, 0, 17, 'inserted\n')), 18);
    assert.equal(shiftLine(17, at(17, 10, 17, '\n')), 17, 'a line break after the start leaves the mark on its line');
  });

  it('moves a mark inside a deleted range to where the range began', () => {
    assert.equal(shiftLine(17, at(15, 2, 19, '')), 15);
  });

  it('handles CRLF text and several edits of one change, bottom-up', () => {
    assert.equal(shiftLine(10, at(0, 0, 0, 'a\r\nb\r\n')), 12);
    assert.equal(shiftLineByEdits(10, [at(0, 0, 0, 'a\n'), at(5, 0, 7, '')]), 9);
  });
});
