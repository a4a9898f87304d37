/** One polite live region for the page: what changed without a page load is read out once. */
let region: HTMLElement | undefined;

export function announce(text: string): void {
  if (!region) {
    region = document.createElement('div');
    region.className = 'skip';
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('role', 'status');
    document.body.append(region);
  }
  // Emptying first makes screen readers repeat a message that happens to be the same.
  region.textContent = '';
  const target = region;
  window.setTimeout(() => (target.textContent = text), 50);
}
