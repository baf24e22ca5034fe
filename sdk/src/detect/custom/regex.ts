/** Compiles a custom detector's pattern for the linear-time engine, or explains why it cannot. */
import { OutflowConfigError } from '../../errors';
import type { Span } from '../types';
import { parseRegex, RegexSyntaxError } from './regex-parse';
import { compileProgram, ProgramTooLargeError, runProgram } from './regex-vm';

export function compileRegex(id: string, pattern: string, flags: string): (text: string) => Span[] {
  try {
    const program = compileProgram(parseRegex(pattern), flags.includes('i'));
    const multiline = flags.includes('m');
    return (text) => runProgram(program, text, multiline);
  } catch (error) {
    if (error instanceof RegexSyntaxError || error instanceof ProgramTooLargeError) {
      throw new OutflowConfigError(`custom detector "${id}": unsupported pattern: ${error.message}`);
    }
    throw error;
  }
}
