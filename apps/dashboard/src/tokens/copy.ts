/**
 * Copies a read-only field's text: with the Clipboard API where the page may use it (a secure
 * context), else by selecting the text so that the user copies it with the keyboard. Says which.
 */
export async function copyField(field: HTMLInputElement, status: HTMLElement): Promise<void> {
  const clipboard = typeof navigator !== 'undefined' && window.isSecureContext ? navigator.clipboard : undefined;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(field.value);
      status.textContent = 'Copied to the clipboard.';
      return;
    } catch {
      /* refused (no permission): fall back to selecting */
    }
  }
  field.focus();
  field.select();
  status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
}
