import type { Detector } from '../types';
import { classifyIpv6, findIpv6 } from './ip';

export const ipv6Address: Detector = {
  id: 'IP_ADDRESS',
  category: 'pii',
  description: 'Public (global unicast) IPv6 addresses, full or compressed; not documentation 2001:db8::/32.',
  trigger: { kind: 'hex-colon' },
  confidence: 0.85,
  priority: 45,
  find: findIpv6,
  validate: (value) => classifyIpv6(value) === 'public',
  normalise: (value) => value.toLowerCase(),
  examples: {
    match: ['peer 2a00:1450:4009:81f::200e replied', 'addr=2606:4700:4700:0:0:0:0:1111'],
    noMatch: ['2001:db8::1', 'std::vector<int>', 'at 14:32:01', 'mac 00:1A:2B:3C:4D:5E', '::1', 'fe80::1ff:fe23:4567:890a'],
  },
};
