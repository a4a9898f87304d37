import type { Direction, DevelopmentStatus } from './vocabularies';

export interface DirectionInput {
  origin: readonly string[];
  target: readonly string[];
  /** Countries of the programme's funders and operators: they make a South-South link triangular. */
  supporters: readonly string[];
}

/**
 * Derives a programme's direction from its countries' development status: never typed in,
 * recomputed whenever the reference data changes. Null when no country is known.
 */
export function deriveDirection(input: DirectionInput, statusOf: (alpha2: string) => DevelopmentStatus | undefined): Direction | null {
  const linked = [...input.origin, ...input.target].map(statusOf).filter((s) => s !== undefined);
  if (linked.length === 0) return null;
  const north = linked.filter((s) => s === 'developed').length;
  if (north === linked.length) return 'north-north';
  if (north > 0) return 'north-south';
  return input.supporters.some((c) => statusOf(c) === 'developed') ? 'triangular' : 'south-south';
}
