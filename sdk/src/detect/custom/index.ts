/** Organisation detectors (`CUSTOM:<id>`), configured as data and validated with zod. */
import { issueMessage } from '../../cli/zod-issues';
import { OutflowConfigError } from '../../errors';
import { CustomDetectorSchema, type Category, type CustomDetectorConfig } from '../../schema';
import { KEYWORD_PREVIEW, maskDefault } from '../mask';
import type { Span } from '../types';
import { compileKeywords } from './keywords';
import { compileRegex } from './regex';

export interface CustomMatcher {
  /** `CUSTOM:<id>` */
  readonly type: string;
  readonly category: Category;
  readonly confidence: number;
  /** Every non-overlapping match, leftmost first; linear in the text. */
  findAll(text: string): Span[];
  normalise(value: string): string;
  /** The masked preview (see mask.ts). */
  mask(value: string): string;
}

/** Parses and compiles each config; throws OutflowConfigError naming the detector on any problem. */
export function compileCustomDetectors(configs: readonly CustomDetectorConfig[]): CustomMatcher[] {
  const seen = new Set<string>();
  return configs.map((raw, index) => {
    const parsed = CustomDetectorSchema.safeParse(raw, { error: issueMessage });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
      throw new OutflowConfigError(`customDetectors[${index}]: ${where}`);
    }
    const config = parsed.data;
    if (seen.has(config.id)) throw new OutflowConfigError(`custom detector "${config.id}": duplicate id`);
    seen.add(config.id);
    const type = `CUSTOM:${config.id}`;
    if (config.kind === 'keywords') {
      const find = compileKeywords(config.id, config.terms, config.caseSensitive);
      return {
        type,
        category: config.category,
        confidence: 0.9,
        findAll: find,
        normalise: config.caseSensitive ? (v: string) => v : (v: string) => v.toLowerCase(),
        mask: () => KEYWORD_PREVIEW,
      };
    }
    const find = compileRegex(config.id, config.pattern, config.flags);
    return { type, category: config.category, confidence: 0.8, findAll: find, normalise: (v: string) => v, mask: maskDefault };
  });
}
