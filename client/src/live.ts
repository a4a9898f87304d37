/**
 * One polite live region for the page: what changed without a page load is read out once.
 * It exists from the start, empty, because screen readers may ignore a region that appears
 * together with its first message.
 */
let region: HTMLElement | undefined;

export function createLiveRegion(): void {
  region = document.createElement('div');
  region.className = 'skip';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  document.body.append(region);
}

export function announce(text: string): void {
  if (!region) createLiveRegion();
  const target = region;
  if (!target) return;
  // Emptying first makes screen readers repeat a message that happens to be the same.
  target.textContent = '';
  window.setTimeout(() => (target.textContent = text), 50);
}
