import type { z } from 'zod';

/**
 * A zod failure as one Spanish sentence that names the element and the field, e.g.
 * «La partida 1 no tiene precio unitario numérico». Each field schema carries its own fragment
 * ("no tiene precio unitario numérico") as its error message; this adds who it belongs to.
 */
export function spanishIssue(error: z.ZodError, whole: string): string {
  const issue = error.issues[0];
  if (!issue) return `${whole} no tiene el formato esperado.`;
  const path = issue.path;
  const lineAt = path.indexOf('lines');
  const lineIndex = lineAt >= 0 ? path[lineAt + 1] : undefined;
  const subject = typeof lineIndex === 'number' ? `La partida ${lineIndex + 1}` : whole;
  return `${subject} ${issue.message}.`;
}
