/** Saves text as a file through the browser's download flow (no `downloads` permission needed). */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke on the next turn: Chromium starts the download asynchronously from the click.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `outflow-export-2025-01-31T14-03-00` */
export function timestampedName(prefix: string, extension: string, now = new Date()): string {
  return `${prefix}-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.${extension}`;
}
