/** The signed-in account as the page itself names it once loaded (a global the app sets), for apps that show it there. */
import type { SiteWire } from '../sites/types';
import { P } from './primordials';
import { emailDomain } from './targets';

export function watchPageAccount(site: SiteWire, onDomain: (domain: string) => void): void {
  const read = site.pageEmail;
  if (!read) return;
  P.apply(P.listen, window, [
    'load',
    () => {
      try {
        const domain = emailDomain(read());
        if (domain) onDomain(domain);
      } catch {
        // The page changed how it names the account: nothing to record.
      }
    },
    { once: true },
  ]);
}
