/**
 * The world map is the heaviest part of the client (shapes, projection): its chunk is only
 * fetched when the map's place comes near the viewport, so it never weighs on a first load
 * that does not scroll there.
 */
import type { Config } from './config';

export function lazyMap(container: HTMLElement, config: Config): void {
  const draw = () => {
    void import('./map').then(({ drawMap }) => drawMap(container, config)).catch(() => undefined);
  };
  if (typeof IntersectionObserver !== 'function') {
    setTimeout(draw, 1000);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      draw();
    },
    { rootMargin: '200px' },
  );
  observer.observe(container);
}
