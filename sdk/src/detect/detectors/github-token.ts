import type { Detector } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

export const githubToken: Detector = {
  id: 'GITHUB_TOKEN',
  category: 'secret',
  description: 'GitHub tokens: classic ghp_/gho_/ghu_/ghs_/ghr_, fine-grained github_pat_, and app installation tokens ghs_<app>_<JWT>.',
  trigger: { kind: 'prefix', prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'] },
  confidence: 0.98,
  priority: 90,
  // Fine-grained tokens are 22 + `_` + 59 characters; gitleaks and others accept any 82 word characters, as here.
  // Installation tokens of GitHub Apps may also come as `ghs_<app id>_<JWT>`.
  find: findPrefixedToken(/gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82}|ghs_\d{1,12}_eyJ[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{10,2000}/y),
  validate: (value) => looksRandom(value.slice(value.startsWith('github_pat_') ? 11 : 4)),
  examples: {
    match: [
      'export GH_TOKEN=ghp_R8x2Lq9VbN4mZt7YwK1cJ5hD3sF6gP0aE2uI',
      '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',
      'ghs_12345_eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3NDU1NjgwMDAsImlzcyI6IjEyMzQ1In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
    noMatch: [
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'ghp_ghp_ghp_ghp_ghp_ghp_ghp_ghp_ghp_ghp_',
      'ghp_R8x2Lq9VbN4mZt7YwK1cJ5hD3sF6',
      'set GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}',
    ],
  },
};
