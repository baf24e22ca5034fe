/**
 * The shape of what the background remembers about one AI web app's tab (kept by `tab-state.ts`):
 * fingerprints and masked previews only, never values.
 */
import { randomId } from '@outflow/sdk/internal/capture';
import type { Category, Notice } from '@outflow/sdk/schema';
import type { AccountKind, CaptureProblem } from '../../messages';

/** A value the employee continued past (or gave a reason for): not asked about again in this tab. */
export interface Acknowledgement {
  action: 'warn' | 'justify';
  at: Notice['at'];
  justification?: string;
}

/** A placeholder the composer put in place of a value, and what it stands for (masked). */
export interface PlaceholderSample {
  type: string;
  category: Category;
  preview: string;
  fingerprint: string;
}

export interface TabState {
  app: string;
  version: string;
  sessionId: string;
  nextSeq: number;
  /** By fingerprint. */
  acknowledged: Record<string, Acknowledgement>;
  /** By placeholder text (`[EMAIL_1]`). */
  placeholders: Record<string, PlaceholderSample>;
  /** Fingerprint → its placeholder, so one value keeps one placeholder in the tab. */
  placeholderOf: Record<string, string>;
  /** Placeholders handed out per type. */
  placeholderCounts: Record<string, number>;
  /** Fingerprints typing-phase events recorded since the last send: a draft repeated while typing is recorded once. */
  typingSeen: string[];
  /** Notices asked about at paste, drop or file selection, waiting for the employee's answer. By token. */
  pendingAsks: Record<string, { fingerprints: string[]; action: 'warn' | 'justify'; at: Notice['at'] }>;
  /** This page load. */
  parsed: number;
  problems: Partial<Record<CaptureProblem, number>>;
  account?: AccountKind;
}

export function newTabState(app: string, version: string): TabState {
  return {
    app,
    version,
    sessionId: `${app}-${randomId(16)}`,
    nextSeq: 0,
    acknowledged: {},
    placeholders: {},
    placeholderOf: {},
    placeholderCounts: {},
    typingSeen: [],
    pendingAsks: {},
    parsed: 0,
    problems: {},
  };
}
