/**
 * The page-world half of web-app capture (MAIN world, `document_start`, top frame, only on the
 * seven AI apps' origins). A standalone classic script — crxjs's deferred ESM content scripts
 * would load after the page's first requests (crxjs issue 1152). It wraps `fetch`,
 * `XMLHttpRequest` and `WebSocket.send` and hands the requests its site's adapter names to the
 * content script over the secret channel; it never scans, and never learns what was found.
 */
import { SITE_WIRES } from '../sites/wires';
import { openChannel } from './channel';
import { createGate } from './gate';
import { wrapFetch } from './fetch';
import { watchPageAccount } from './page-account';
import { wrapWebSocket } from './websocket';
import { wrapXhr } from './xhr';
import { P } from './primordials';

const site = SITE_WIRES.find((wire) => wire.origin === P.location.origin);
if (site) {
  const channel = openChannel();
  const gate = createGate(channel);
  const onAccountDomain = (domain: string) => channel.post({ t: 'account', domain });
  // Each wrapper on its own: one that cannot be installed here leaves the others, and the page, working.
  const install = (where: 'fetch' | 'xhr' | 'websocket', wrap: () => void) => {
    try {
      wrap();
    } catch {
      gate.report(where);
    }
  };
  install('fetch', () => wrapFetch(site, gate, onAccountDomain));
  install('xhr', () => wrapXhr(site, gate));
  install('websocket', () => wrapWebSocket(site, gate));
  install('fetch', () => watchPageAccount(site, onAccountDomain));
}
