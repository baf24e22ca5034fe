import type { Detector, Span } from '../types';
import { findPrefixedToken } from './helpers';
import { looksRandom } from '../validators/randomness';

/** How far around a key its Firebase configuration is looked for: one `firebaseConfig = { … }` object. */
const CONFIG_WINDOW = 400;
/** Fields and hosts only a Firebase web or mobile configuration has. */
const FIREBASE_CONFIG = /firebaseConfig|authDomain|messagingSenderId|firebaseapp\.com|firebaseio\.com|initializeApp\s*\(|"firebase_url"|"current_key"/;

/**
 * A Firebase web configuration's `apiKey` is public by design: it ships in every page of the app
 * and identifies the project, it grants nothing (Firebase's documentation says so, and gitleaks
 * allow-lists the SDKs' sample keys). A key inside such a configuration is not reported; the
 * same key elsewhere, or any other Google key, is.
 */
function inFirebaseConfig(text: string, span: Span): boolean {
  return FIREBASE_CONFIG.test(text.slice(Math.max(0, span.start - CONFIG_WINDOW), Math.min(text.length, span.end + CONFIG_WINDOW)));
}

export const googleApiKey: Detector = {
  id: 'GOOGLE_API_KEY',
  category: 'secret',
  description: 'Google API keys (AIza followed by 35 characters), used by Gemini, Maps and Cloud; not the public-by-design apiKey of a Firebase app configuration.',
  trigger: { kind: 'prefix', prefixes: ['AIza'] },
  confidence: 0.95,
  priority: 90,
  find: findPrefixedToken(/AIza[0-9A-Za-z_-]{35}/y),
  validate: (value, text, span) => looksRandom(value.slice(4)) && !inFirebaseConfig(text, span),
  examples: {
    match: ['https://generativelanguage.googleapis.com/v1beta/models?key=AIzaSyC8Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6M', 'GEMINI_API_KEY=AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk-'],
    noMatch: [
      'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'AIzaAIzaAIzaAIza',
      'AIzaSyC8Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6MQQ',
      'const firebaseConfig = {\n  apiKey: "AIzaSyC8Rk2Lm9Xv4Bn6Tz1Wc8Yd3Fg5Jh0Kp6M",\n  authDomain: "acme-app.firebaseapp.com",\n  projectId: "acme-app",\n};',
      'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
    ],
  },
};
