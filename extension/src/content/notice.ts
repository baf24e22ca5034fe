/**
 * The in-page notice: what the employee sees before data leaves for an AI app. It lives in a
 * closed shadow root created by the content script, so page scripts can neither read it (no
 * `shadowRoot`, no text in the page's DOM) nor press its buttons (only trusted clicks count).
 * Removing it from the page counts as cancelling.
 */
import type { Choice, NoticeFinding, NoticeView } from '../messages';

const STYLE = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(16, 24, 40, 0.45); display: flex; align-items: center; justify-content: center; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; }
.dialog { background: #fff; border-radius: 12px; box-shadow: inset 0 6px 0 #dc6803, 0 20px 48px rgba(16, 24, 40, 0.3); width: min(480px, calc(100vw - 32px)); padding: 24px 22px 20px; }
.dialog.block { box-shadow: inset 0 6px 0 #b42318, 0 20px 48px rgba(16, 24, 40, 0.3); }
.brand { font-size: 12px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: #475467; margin: 0 0 6px; }
h2 { font-size: 17px; margin: 0 0 8px; line-height: 1.3; }
p { margin: 0 0 10px; }
ul { margin: 0 0 12px; padding: 0; list-style: none; }
li { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; padding: 5px 0; border-bottom: 1px solid #eaecf0; }
li:last-child { border-bottom: 0; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; }
.type { font-weight: 600; }
.sample { background: #f2f4f7; border-radius: 4px; padding: 1px 5px; color: #344054; }
label { display: block; font-weight: 600; margin: 4px 0 4px; }
textarea { box-sizing: border-box; width: 100%; min-height: 72px; font: inherit; padding: 8px; border: 1px solid #98a2b3; border-radius: 8px; resize: vertical; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 14px; }
button { font: inherit; font-weight: 600; border-radius: 8px; padding: 8px 14px; border: 1px solid #98a2b3; background: #fff; color: #101828; cursor: pointer; }
button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
button:disabled { opacity: 0.5; cursor: not-allowed; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #84adff; outline-offset: 1px; }
.muted { color: #475467; font-size: 13px; }
.toast { position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; max-width: 380px; background: #101828; color: #fff; border-radius: 10px; padding: 12px 14px; font: 14px/1.4 system-ui, sans-serif; box-shadow: 0 12px 32px rgba(16, 24, 40, 0.3); }
`;

const WHAT: Record<NoticeView['at'], string> = { send: 'message', paste: 'pasted text', drop: 'dropped content', file: 'file' };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A host element in the page with a closed shadow root: the page sees an empty custom element. */
function mount(): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('outflow-notice');
  const root = host.attachShadow({ mode: 'closed' });
  root.append(element('style', {}, STYLE));
  (document.body ?? document.documentElement).append(host);
  return { host, root };
}

function findingList(findings: readonly NoticeFinding[]): HTMLUListElement {
  const list = element('ul', { 'aria-label': 'Sensitive data found' });
  for (const finding of findings) {
    const item = element('li', { 'data-type': finding.type });
    item.append(element('code', { class: 'type' }, finding.type), element('span', { class: 'muted' }, `×${finding.count}`));
    for (const preview of finding.previews) item.append(element('code', { class: 'sample' }, preview));
    list.append(item);
  }
  return list;
}

function texts(view: NoticeView): { title: string; body: string; go: string; stop: string } {
  const what = WHAT[view.at];
  if (view.action === 'block') {
    return { title: `Outflow stopped this ${what}`, body: `It cannot be sent to ${view.appName}: ${view.reason ?? 'your organisation’s policy does not allow it'}.`, go: '', stop: 'OK' };
  }
  const verb = view.at === 'send' ? 'Send' : view.at === 'file' ? 'Attach' : 'Insert';
  if (view.action === 'justify') {
    return { title: `Sensitive data in this ${what}`, body: `Your organisation asks for a reason before this goes to ${view.appName}. Your reason is recorded on this device.`, go: `${verb} with this reason`, stop: 'Cancel' };
  }
  return { title: `Sensitive data in this ${what}`, body: `Check before it goes to ${view.appName}: it contains the data below.`, go: `${verb} anyway`, stop: 'Cancel' };
}

/** Shows the notice; resolves with the employee's answer (a refusal resolves `cancelled` once read). */
export function showNotice(view: NoticeView): Promise<Choice> {
  return new Promise((resolve) => {
    const { host, root } = mount();
    const t = texts(view);
    const backdrop = element('div', { class: 'backdrop' });
    const dialog = element('div', { class: `dialog ${view.action}`, role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'outflow-title', 'aria-describedby': 'outflow-body' });
    dialog.append(element('p', { class: 'brand' }, 'Outflow'), element('h2', { id: 'outflow-title' }, t.title), element('p', { id: 'outflow-body' }, t.body));
    if (view.findings.length > 0) dialog.append(findingList(view.findings));
    let reason: HTMLTextAreaElement | undefined;
    if (view.action === 'justify') {
      reason = element('textarea', { id: 'outflow-reason', maxlength: '1000', required: '' });
      dialog.append(element('label', { for: 'outflow-reason' }, 'Reason'), reason);
    }
    const actions = element('div', { class: 'actions' });
    const stop = element('button', { type: 'button', class: view.action === 'block' ? 'primary' : '' }, t.stop);
    actions.append(stop);
    let go: HTMLButtonElement | undefined;
    if (view.action !== 'block') {
      go = element('button', { type: 'button', class: 'primary' }, t.go);
      if (reason) {
        go.disabled = true;
        const field = reason;
        field.addEventListener('input', () => (go!.disabled = field.value.trim() === ''));
      }
      actions.append(go);
    }
    dialog.append(actions);
    backdrop.append(dialog);
    root.append(backdrop);

    let done = false;
    const finish = (choice: Choice) => {
      if (done) return;
      done = true;
      observer.disconnect();
      host.remove();
      resolve(choice);
    };
    // Only a person's click counts: a page script cannot reach these buttons, nor fake a trusted event.
    stop.addEventListener('click', (event) => event.isTrusted && finish({ outcome: 'cancelled' }));
    go?.addEventListener('click', (event) => {
      if (!event.isTrusted || go!.disabled) return;
      finish(reason ? { outcome: 'continued', justification: reason.value.trim() } : { outcome: 'continued' });
    });
    dialog.addEventListener('keydown', (event) => {
      if (event.isTrusted && event.key === 'Escape') finish({ outcome: 'cancelled' });
    });
    // A page that removes the notice has not been given an answer: that is a cancel.
    const observer = new MutationObserver(() => {
      if (!host.isConnected) finish({ outcome: 'cancelled' });
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    // The safe choice has the focus: Enter does not send by accident.
    (reason ?? stop).focus();
  });
}

/** A short confirmation that disappears by itself (values were replaced by placeholders). */
export function showToast(text: string, ms = 6000): void {
  const { host, root } = mount();
  root.append(element('div', { class: 'toast', role: 'status' }, text));
  setTimeout(() => host.remove(), ms);
}

export function redactedText(findings: readonly NoticeFinding[]): string {
  const count = findings.reduce((sum, finding) => sum + finding.count, 0);
  return `Outflow replaced ${count} sensitive ${count === 1 ? 'value' : 'values'} with placeholders (${findings.map((finding) => finding.type).join(', ')}).`;
}
