/**
 * Capture health seen from the page: a wrapper that never paired, a composer that is not on the
 * page, and a send the employee made (Enter or the send button, with text in the composer) that
 * no request followed. Each is reported once per page load (a missing request every time).
 */
import type { ReadKind } from '../messages';
import type { SiteAdapter } from '../sites/types';
import type { CaptureListener } from './wire-capture';
import { askBackground } from './webapp-messages';
import type { WireLink } from './wire-link';

/** How long a composer may take to appear after the page has loaded (single-page apps render late). */
export const COMPOSER_WAIT_MS = 10_000;
/** How long after a send gesture its request must have been seen. */
export const SEND_WAIT_MS = 8_000;

export interface HealthWatch extends CaptureListener {
  start(link: WireLink): void;
}

/** The composer's text, as the employee sees it. */
export function composerText(element: Element): string {
  return element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement ? element.value : ((element as HTMLElement).innerText ?? '');
}

export function watchHealth(site: SiteAdapter): HealthWatch {
  let awaitingSend: ReturnType<typeof setTimeout> | undefined;
  const report = (problem: 'composer-missing' | 'wire-silent' | 'wire-missing') => void askBackground({ type: 'webapp.problem', problem });

  const expectSend = () => {
    if (awaitingSend !== undefined) return;
    awaitingSend = setTimeout(() => {
      awaitingSend = undefined;
      report('wire-silent');
    }, SEND_WAIT_MS);
  };
  const composerWithText = (target: EventTarget | null): boolean => {
    const composer = target instanceof Element ? target.closest(site.composer.input) : null;
    return composer !== null && composerText(composer).trim() !== '';
  };

  window.addEventListener(
    'keydown',
    (event) => {
      if (event.isTrusted && event.key === 'Enter' && !event.shiftKey && !event.isComposing && composerWithText(event.target)) expectSend();
    },
    true,
  );
  window.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted || !(event.target instanceof Element) || !event.target.closest(site.composer.send)) return;
      const composer = document.querySelector(site.composer.input);
      if (composer && composerText(composer).trim() !== '') expectSend();
    },
    true,
  );

  const watchComposerPresence = () => {
    if (document.querySelector(site.composer.input)) return;
    const observer = new MutationObserver(() => {
      if (!document.querySelector(site.composer.input)) return;
      observer.disconnect();
      clearTimeout(timer);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      report('composer-missing');
    }, COMPOSER_WAIT_MS);
    observer.observe(document.documentElement, { childList: true, subtree: true });
  };

  return {
    start(link) {
      if (!link.paired) report('wire-missing');
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watchComposerPresence, { once: true });
      else watchComposerPresence();
    },
    onRead(kind: ReadKind) {
      if ((kind === 'send' || kind === 'unparsed') && awaitingSend !== undefined) {
        clearTimeout(awaitingSend);
        awaitingSend = undefined;
      }
    },
  };
}
