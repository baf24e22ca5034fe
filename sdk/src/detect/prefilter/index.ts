/**
 * The prefilter: a handful of cheap passes over the text (`indexOf` and simple global regexes
 * that V8 runs natively) locating the anchors detectors care about. Most of a prompt is never
 * looked at by any detector; each detector runs only at its own anchors, on a bounded window.
 */
import type { Detector, RunCondition } from '../types';
import { visitAt } from './at';
import { visitKeywords } from './keywords';
import { alternation, LiteralTable } from './literals';
import { visitOperators } from './operators';
import { visitOptions } from './options';
import type { AnchorPlan, AnchorVisitor } from './plan';
import { keyGroups, visitPrefixes } from './prefixes';
import { visitShapes } from './shapes';
import { SuffixFilter } from './suffixes';

export type { AnchorPlan, AnchorVisitor } from './plan';

export function buildPlan(detectors: readonly Detector[]): AnchorPlan {
  const prefixDetectors = new Map<string, number[]>();
  const keywordDetectors = new Map<string, number[]>();
  const keywordConditions: (RunCondition | undefined)[] = [];
  const keywordIds: string[] = [];
  const assignment: number[] = [];
  const assignmentWords: string[] = [];
  const at: number[] = [];
  const atDottedDomain: number[] = [];
  const atColonBefore: number[] = [];
  const option: number[] = [];
  const digits: number[] = [];
  const lettersDigits: number[] = [];
  const hexColon: number[] = [];
  const add = (map: Map<string, number[]>, key: string, index: number): void => {
    const list = map.get(key) ?? [];
    list.push(index);
    map.set(key, list);
  };
  detectors.forEach((detector, index) => {
    const trigger = detector.trigger;
    switch (trigger.kind) {
      case 'prefix':
        for (const prefix of trigger.prefixes) add(prefixDetectors, prefix, index);
        break;
      case 'assignment':
        assignment.push(index);
        assignmentWords.push(...trigger.lastWords);
        break;
      case 'keyword':
        for (const keyword of trigger.keywords) add(keywordDetectors, keyword.toLowerCase(), index);
        keywordConditions.push(trigger.followedByRun);
        keywordIds.push(detector.id);
        break;
      case 'at':
        (trigger.requires === 'dotted-domain' ? atDottedDomain : trigger.requires === 'colon-before' ? atColonBefore : at).push(index);
        break;
      case 'option':
        option.push(index);
        break;
      case 'digits':
        digits.push(index);
        break;
      case 'letters-digits':
        lettersDigits.push(index);
        break;
      case 'hex-colon':
        hexColon.push(index);
        break;
    }
  });
  return {
    prefixKeyGroups: keyGroups(prefixDetectors.keys()),
    prefixDetectors: new LiteralTable(prefixDetectors, false),
    keyword: alternation(keywordDetectors.keys(), 'gi'),
    keywordDetectors: new LiteralTable(keywordDetectors, true),
    keywordRun: sharedCondition(keywordConditions, keywordIds),
    assignment,
    assignmentSuffixes: new SuffixFilter(assignmentWords),
    at,
    atDottedDomain,
    atColonBefore,
    option,
    digits,
    lettersDigits,
    hexColon,
  };
}

/**
 * The run condition of the keyword triggers: one keyword pass serves them all, so they all have
 * the same one or none (the built-in AWS_SECRET_KEY is the only keyword detector).
 */
function sharedCondition(conditions: readonly (RunCondition | undefined)[], ids: readonly string[]): RunCondition | null {
  const first = conditions[0];
  const same = conditions.every((c) => c?.minLength === first?.minLength && c?.within === first?.within);
  if (!same) throw new Error(`keyword triggers of ${ids.join(', ')}: all need the same followedByRun condition, or none`);
  return first ?? null;
}

export function visitAnchors(text: string, plan: AnchorPlan, visit: AnchorVisitor): void {
  if (plan.at.length > 0 || plan.atDottedDomain.length > 0 || plan.atColonBefore.length > 0) visitAt(text, plan, visit);
  if (plan.prefixKeyGroups.length > 0) visitPrefixes(text, plan, visit);
  if (plan.assignment.length > 0 || plan.hexColon.length > 0) visitOperators(text, plan, visit);
  if (plan.keyword !== null) visitKeywords(text, plan, plan.keyword, visit);
  if (plan.option.length > 0) visitOptions(text, plan, visit);
  if (plan.digits.length > 0 || plan.lettersDigits.length > 0) visitShapes(text, plan, visit);
}
