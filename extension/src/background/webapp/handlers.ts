/**
 * The handlers of the web-app content script's messages. The router has checked that the sender
 * is our content script in a tab of one of the seven apps; `sender.site` is that origin's adapter.
 */
import type { WebAppMessage, WebAppReplies } from '../../messages';
import { captureRequest, type WebAppSender } from './capture';
import { inspectComposerInput, answerComposerNotice } from './composer';
import { recordAccount } from './discovery';
import { countProblem } from './health';
import { captureRuntime } from './runtime';
import { updateTabState } from './tab-state';

type WebAppHandlers = {
  [K in WebAppMessage['type']]: (message: Extract<WebAppMessage, { type: K }>, sender: WebAppSender) => Promise<WebAppReplies[K]>;
};

const appOf = (sender: WebAppSender) => ({ id: sender.site.wire.app, version: sender.site.version });

export const webAppHandlers: WebAppHandlers = {
  async 'webapp.hello'({ pageLoad }, sender) {
    const runtime = await captureRuntime();
    // A new page load: its problems and drafts start afresh; the tab's session and answers stay.
    if (pageLoad) await updateTabState(sender.tabId, appOf(sender), (tab) => {
      tab.parsed = 0;
      tab.problems = {};
      tab.typingSeen = [];
      tab.pendingAsks = {};
    });
    return { app: sender.site.wire.app, name: sender.site.name, version: sender.site.version, hold: runtime.hold };
  },

  async 'webapp.capture'({ request, held, choice }, sender) {
    return captureRequest(request, held, choice, sender);
  },

  async 'webapp.inspectText'({ at, text, files }, sender) {
    return inspectComposerInput(at, text, files, sender);
  },

  async 'webapp.answer'({ token, choice }, sender) {
    await answerComposerNotice(token, choice, sender);
    return null;
  },

  async 'webapp.account'({ domain }, sender) {
    await recordAccount(domain, sender);
    return null;
  },

  async 'webapp.problem'({ problem }, sender) {
    await updateTabState(sender.tabId, appOf(sender), (tab) => {
      tab.problems[problem] = (tab.problems[problem] ?? 0) + 1;
    });
    await countProblem(sender.site, problem);
    return null;
  },
};
