import type { Detector } from '../types';
import { classifyIpv4, findIpv4 } from './ip';

export const ipAddress: Detector = {
  id: 'IP_ADDRESS',
  category: 'pii',
  description: 'Public IPv4 addresses (not version strings, not private, loopback, documentation or reserved ranges).',
  trigger: { kind: 'digits' },
  confidence: 0.85,
  priority: 45,
  find: findIpv4,
  validate: (value) => classifyIpv4(value) === 'public',
  examples: {
    match: ['client 81.2.69.160 connected', 'X-Forwarded-For: 34.117.59.81, 10.0.0.1'],
    noMatch: ['version 1.2.3.4', 'Chrome/120.0.6099.109', 'listen 127.0.0.1:8080', 'gateway 192.168.1.1', '203.0.113.45 (docs)', '999.1.1.1', '1.2.3.4.5', 'v2.10.4.1'],
  },
};
