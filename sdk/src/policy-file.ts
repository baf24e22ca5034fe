/**
 * Loading a policy from a JSON file (Node only): parse, validate with `PolicySchema`, and fail
 * with a message that names the file and the field — never the file's content, which may hold
 * customer names or other sensitive terms.
 */
import { readFileSync } from 'node:fs';
import { OutflowConfigError } from './errors';
import { PolicySchema, type Policy } from './schema';
import { describeZodIssues, issueMessage } from './cli/zod-issues';

/** Reads and validates the policy at `path`; throws `OutflowConfigError` naming `path` on any problem. */
export function loadPolicyFile(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new OutflowConfigError(`${path}: cannot read the policy file${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  return parsePolicyText(text, path);
}

/** Parses policy JSON; `source` names it in error messages. */
export function parsePolicyText(text: string, source: string): Policy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse's message quotes the text around the error, so only the position is kept.
    throw new OutflowConfigError(`${source}: not valid JSON${jsonErrorPosition(text, error)}`);
  }
  const result = PolicySchema.safeParse(value, { error: issueMessage });
  if (!result.success) throw new OutflowConfigError(`${source}: invalid policy: ${describeZodIssues(result.error)}`);
  return result.data;
}

/** ` at line L column C` from V8's "… at position N" message, or '' when it has none. */
function jsonErrorPosition(text: string, error: unknown): string {
  const match = error instanceof Error ? /at position (\d+)/.exec(error.message) : null;
  if (!match) return '';
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return ` at line ${line} column ${column}`;
}
