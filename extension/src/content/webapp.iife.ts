/**
 * The content script in the seven AI web apps (ISOLATED world, `document_start`, top frame):
 * pairs with the page-world wrapper, hands its requests to the background and its verdicts back,
 * checks what is pasted, dropped or attached in the composer, and reports capture problems. A
 * standalone classic script like the SDK bridge, so it is listening before the page's first script.
 */
import browser from 'webextension-polyfill';
import { siteForOrigin } from '../sites/index';
import { watchComposer } from './composer';
import { handleRequest } from './wire-capture';
import { askBackground } from './webapp-messages';
import { linkWrapper } from './wire-link';
import { watchHealth } from './health';

const site = window === window.top ? siteForOrigin(location.origin) : undefined;
if (site) {
  const health = watchHealth(site);
  const link = linkWrapper((message) => {
    if (message.t === 'request') void handleRequest(message, link.post, health);
    else if (message.t === 'account') void askBackground({ type: 'webapp.account', domain: message.domain });
    else void askBackground({ type: 'webapp.problem', problem: 'wrapper-failure' });
  });
  let hold = false;
  const hello = async (pageLoad: boolean) => {
    const answer = await askBackground({ type: 'webapp.hello', pageLoad });
    // Without an answer the wrapper must not hold requests for a verdict that will never come.
    hold = answer?.hold ?? false;
    link.post({ t: 'mode', hold });
  };
  void hello(true).then(() => health.start(link));
  // The policy changed (IT's or the employee's): requests may now have to wait, or no longer.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed' || area === 'local') void hello(false);
  });
  watchComposer(site, () => hold);
}
