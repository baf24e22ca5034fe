import type { Detector } from '../types';
import { classifyIpv4, classifyIpv6, findIpv4, findIpv6 } from './ip';

export const internalIp: Detector = {
  id: 'INTERNAL_IP',
  category: 'network',
  description: 'Private (RFC 1918, ULA), shared and link-local IPv4 addresses: internal network layout, low severity.',
  trigger: { kind: 'digits' },
  confidence: 0.6,
  priority: 44,
  find: findIpv4,
  validate: (value) => classifyIpv4(value) === 'internal',
  examples: {
    match: ['db at 10.20.30.40', 'router 192.168.1.1', 'metadata 169.254.169.254'],
    noMatch: ['127.0.0.1', '0.0.0.0', 'version 10.0.0.1', '8.8.8.8'],
  },
};

export const internalIpv6: Detector = {
  id: 'INTERNAL_IP',
  category: 'network',
  description: 'Unique-local (fc00::/7) and link-local (fe80::/10) IPv6 addresses: internal network layout, low severity.',
  trigger: { kind: 'hex-colon' },
  confidence: 0.6,
  priority: 44,
  find: findIpv6,
  validate: (value) => classifyIpv6(value) === 'internal',
  normalise: (value) => value.toLowerCase(),
  examples: {
    match: ['iface fe80::1ff:fe23:4567:890a', 'ula fd12:3456:789a:1::1'],
    noMatch: ['::1', '2001:db8::1', 'std::map'],
  },
};
