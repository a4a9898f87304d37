/** What a reader of a form page sees by a field: the error message its aria-describedby points to. */
export function fieldError(page: string, name: string): string | undefined {
  const id = `f-${name.replace(/[^\w-]/g, '-')}`;
  const control = new RegExp(`<(?:input|select|textarea|fieldset)[^>]*id="${id}"[^>]*>`).exec(page)?.[0];
  if (!control || !new RegExp(`aria-describedby="[^"]*${id}-error`).test(control)) return undefined;
  return new RegExp(`<span class="field-error" id="${id}-error">([^<]*)</span>`).exec(page)?.[1];
}
