/** Statuses and outcomes in the page reader's words. */
import { outcomeWord, statusWord } from '../../introductions/words';
import type { Page } from '../kit';

export const statusName = (page: Page, s: string) => statusWord(page.t, s);
export const outcomeName = (page: Page, o: string) => outcomeWord(page.t, o);
