/** The progress statistics, as the API and the /progress page both read them. */
import type { AppContext } from '../context';
import { publicCounts, sourcesHealth } from '../db/stats';
import { introductionCounts } from '../db/introductions';
import { followUpCounts } from '../db/introduction-follow-ups';
import { followUpAnswers } from '../db/enums';
import { presentIntroductionStats, presentStats, type Stats } from '../presenters/stats';

/**
 * Public counts go through the list cache (they change only with the entries or the reference
 * data it keys on); sources' health is read each time, since a run can end without moving its source.
 */
export async function readStats(ctx: Pick<AppContext, 'database' | 'listCache'>): Promise<Stats> {
  // Introductions are read each time too: requests move without touching the entries the cache keys on.
  const [counts, introductions, sixMonthsOn, sources] = await Promise.all([
    ctx.listCache.get('stats:public-counts', () => publicCounts(ctx.database)),
    introductionCounts(ctx.database.db),
    followUpCounts(ctx.database.db, followUpAnswers),
    sourcesHealth(ctx.database),
  ]);
  return presentStats(counts, presentIntroductionStats(introductions, sixMonthsOn), sources);
}
