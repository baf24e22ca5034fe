/**
 * Before anything enters a web app's composer: pasted or dropped text and selected files are
 * scanned on the spot, and the policy answers with nothing to say, a notice to show (warn,
 * justify), a refusal (block), or the text with its values replaced (redact). Nothing is recorded
 * here — nothing has left yet — but the employee's answer is remembered in the tab, so the send
 * that carries those values records it and does not ask again.
 */
import { randomId, redactFields, type TextField } from '@outflow/sdk/internal/capture';
import type { Choice, ComposerVerdict, NoticeView } from '../../messages';
import type { Reading } from '../../sites/types';
import type { WireFile } from '../../sites/wire-types';
import type { WebAppSender } from './capture';
import { inspectReading } from './inspect';
import { scrubbedJustification, tabPlaceholders } from './placeholders';
import { captureRuntime } from './runtime';
import { updateTabState } from './tab-state';

type At = NoticeView['at'] & ('paste' | 'drop' | 'file');

/** The composer's input as a reading: the text, and each file's name and text, as fields that redaction rewrites. */
function composerReading(text: string, files: readonly WireFile[]): { reading: Reading; result: () => { text: string; files: { name?: string; text?: string }[] } } {
  let current = text;
  const redactedFiles: { name?: string; text?: string }[] = files.map((file) => ({ ...(file.name === undefined ? {} : { name: file.name }), ...(file.text === undefined ? {} : { text: file.text }) }));
  const fields: TextField[] = text ? [{ field: 'composer', text, replace: (next) => (current = next) }] : [];
  files.forEach((file, i) => {
    const out = redactedFiles[i]!;
    if (file.name) fields.push({ field: `files[${i}].name`, text: file.name, replace: (next) => (out.name = next) });
    if (file.text) fields.push({ field: `files[${i}]`, text: file.text, replace: (next) => (out.text = next) });
  });
  const reading: Reading = { kind: 'send', api: 'composer', fields, attachments: [], unscanned: [], stream: false, serialise: () => current };
  return { reading, result: () => ({ text: current, files: redactedFiles }) };
}

export async function inspectComposerInput(at: At, text: string, files: WireFile[], sender: WebAppSender): Promise<ComposerVerdict> {
  const runtime = await captureRuntime();
  // Under a policy that only logs, nothing is asked: the send is recorded when it leaves.
  if (!runtime.hold) return { action: 'insert' };
  const { site } = sender;
  const { reading, result } = composerReading(text, files);
  return updateTabState(sender.tabId, { id: site.wire.app, version: site.version }, (tab): ComposerVerdict => {
    const inspection = inspectReading(site, reading, new URL(site.wire.origin), true, runtime, tab);
    const notice = (action: NoticeView['action']): NoticeView => ({
      action,
      appName: site.name,
      at,
      findings: inspection.noticeFindings,
      ...(action === 'block' && inspection.blockReason ? { reason: inspection.blockReason } : {}),
    });
    if (inspection.pending === 'block') return { action: 'refuse', notice: notice('block') };
    if (inspection.pending !== undefined) {
      const token = randomId(24);
      tab.pendingAsks[token] = { fingerprints: inspection.asked, action: inspection.pending, at };
      return { action: 'ask', token, notice: notice(inspection.pending) };
    }
    if (inspection.scanned.spansByField.size === 0) return { action: 'insert' };
    redactFields(inspection.scanned.spansByField, tabPlaceholders(tab, inspection.redactions, runtime));
    const redactedTypes = new Set([...inspection.redactions.values()].map((sample) => sample.type));
    return { action: 'redact', ...result(), redacted: inspection.noticeFindings.filter((finding) => redactedTypes.has(finding.type)) };
  });
}

/** The employee's answer to a composer notice: the values it asked about are not asked about again in this tab. */
export async function answerComposerNotice(token: string, choice: Choice, sender: WebAppSender): Promise<void> {
  const runtime = await captureRuntime();
  await updateTabState(sender.tabId, { id: sender.site.wire.app, version: sender.site.version }, (tab) => {
    const asked = tab.pendingAsks[token];
    if (!asked) return;
    delete tab.pendingAsks[token];
    if (choice.outcome !== 'continued') return;
    const justification = asked.action === 'justify' && choice.justification ? scrubbedJustification(choice.justification, runtime) : undefined;
    for (const fingerprint of asked.fingerprints) {
      tab.acknowledged[fingerprint] = { action: asked.action, at: asked.at, ...(justification === undefined ? {} : { justification }) };
    }
  });
}
