/** Saved readiness checks: each user's own, newest first. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from './client';
import { readinessAssessments } from './schema';

export type AssessmentRow = typeof readinessAssessments.$inferSelect;
export type NewAssessment = Pick<typeof readinessAssessments.$inferInsert, 'userId' | 'answers' | 'scores' | 'overall' | 'country'>;

export async function insertAssessment(db: Db, row: NewAssessment): Promise<AssessmentRow> {
  const [saved] = await db.insert(readinessAssessments).values(row).returning();
  if (!saved) throw new Error('the assessment was not saved');
  return saved;
}

export async function assessmentById(db: Db, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(readinessAssessments).where(eq(readinessAssessments.id, id));
  return row;
}

/** A user's assessments, newest first (the id breaks ties within one transaction's timestamp). */
export function assessmentsOf(db: Db, userId: string, limit = 50): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(readinessAssessments)
    .where(eq(readinessAssessments.userId, userId))
    .orderBy(desc(readinessAssessments.createdAt), desc(readinessAssessments.id))
    .limit(limit);
}
