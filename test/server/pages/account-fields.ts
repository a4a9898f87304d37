import { read } from './reader';

/** What a reader of a form page sees by a field: the error message its aria-describedby points to. */
export function fieldError(page: string, name: string): string | undefined {
  const $ = read(page);
  const id = `f-${name.replace(/[^\w-]/g, '-')}`;
  const control = $(`[id="${id}"]`).filter('input, select, textarea, fieldset').first();
  if (!control.length || !(control.attr('aria-describedby') ?? '').split(/\s+/).includes(`${id}-error`)) return undefined;
  const error = $(`.field-error[id="${id}-error"]`);
  return error.length ? error.text() : undefined;
}
