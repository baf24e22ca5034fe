/**
 * The composer, before anything enters it: pasted or dropped text and files, and files chosen in
 * the app's file inputs, are held (the event stopped before the app sees it), checked by the
 * background, and then put in as they were, put in with their values replaced by placeholders,
 * or kept out — after the employee's answer when the policy asks for one. Under a policy that only
 * logs nothing is held: the send is recorded when it leaves.
 */
import type { ComposerVerdict } from '../messages';
import type { SiteAdapter } from '../sites/types';
import type { WireFile } from '../sites/wire-types';
import { describeFile } from '../injected/describe-body';
import { redactedText, showNotice, showToast } from './notice';
import { askBackground } from './webapp-messages';

type At = 'paste' | 'drop' | 'file';

/** Events this script dispatched itself, to hand the checked content on: not checked again. */
const ours = new WeakSet<Event>();

interface Incoming {
  text: string;
  files: File[];
}

/** Files rebuilt with their redacted names and content (a binary file keeps its bytes). */
function redactedFiles(files: readonly File[], redacted: Extract<ComposerVerdict, { action: 'redact' }>['files']): File[] {
  return files.map((file, i) => {
    const out = redacted[i];
    const name = out?.name ?? file.name;
    return new File([out?.text ?? file], name, { type: file.type, lastModified: file.lastModified });
  });
}

/**
 * Puts checked content in: the app's own handler gets the event again (as a synthetic one it can
 * read), and text no handler took is typed in at the caret, as a paste would have.
 */
function deliver(at: At, target: Element, content: Incoming): void {
  const data = new DataTransfer();
  if (content.text) data.setData('text/plain', content.text);
  for (const file of content.files) data.items.add(file);
  if (at === 'file') {
    const input = target as HTMLInputElement;
    input.files = data.files;
    for (const type of ['input', 'change']) {
      const event = new Event(type, { bubbles: true });
      ours.add(event);
      input.dispatchEvent(event);
    }
    return;
  }
  const event = at === 'paste' ? new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }) : new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
  ours.add(event);
  const handled = !target.dispatchEvent(event);
  if (!handled && content.text) {
    (target as HTMLElement).focus();
    document.execCommand('insertText', false, content.text);
  }
}

function refuseFileSelection(target: Element): void {
  (target as HTMLInputElement).value = '';
}

async function check(at: At, target: Element, content: Incoming): Promise<void> {
  const files: WireFile[] = await Promise.all(content.files.map((file) => describeFile(file)));
  const verdict = await askBackground({ type: 'webapp.inspectText', at, text: content.text, files });
  // No answer (the extension is reloading): the employee's content goes in, as it would without us.
  if (!verdict || verdict.action === 'insert') return deliver(at, target, content);
  if (verdict.action === 'refuse') {
    if (at === 'file') refuseFileSelection(target);
    await showNotice(verdict.notice);
    return;
  }
  if (verdict.action === 'redact') {
    deliver(at, target, { text: verdict.text, files: redactedFiles(content.files, verdict.files) });
    showToast(redactedText(verdict.redacted));
    return;
  }
  const choice = await showNotice(verdict.notice);
  await askBackground({ type: 'webapp.answer', token: verdict.token, choice });
  if (choice.outcome === 'continued') deliver(at, target, content);
  else if (at === 'file') refuseFileSelection(target);
}

function incoming(data: DataTransfer | null): Incoming {
  return { text: data?.getData('text/plain') ?? '', files: data ? [...data.files] : [] };
}

export function watchComposer(site: SiteAdapter, holding: () => boolean): void {
  const intercept = (at: At, event: Event, target: Element | null, content: Incoming) => {
    if (ours.has(event) || !holding() || !target || (content.text === '' && content.files.length === 0)) return;
    if (event.cancelable) event.preventDefault();
    event.stopImmediatePropagation();
    void check(at, target, content);
  };
  const inComposer = (event: Event) => (event.target instanceof Element ? event.target.closest(site.composer.input) : null);
  window.addEventListener('paste', (event) => intercept('paste', event, inComposer(event), incoming(event.clipboardData)), true);
  window.addEventListener('drop', (event) => intercept('drop', event, inComposer(event) ?? (event.target instanceof Element ? event.target : null), incoming(event.dataTransfer)), true);
  window.addEventListener(
    'change',
    (event) => {
      const input = event.target instanceof HTMLInputElement && event.target.type === 'file' && event.target.matches(site.composer.files) ? event.target : null;
      intercept('file', event, input, { text: '', files: input?.files ? [...input.files] : [] });
    },
    true,
  );
}

