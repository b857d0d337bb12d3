/**
 * Quiz rules as pure functions: shuffling, scoring and whether another attempt may start.
 * No database here, so every rule is unit-tested on its own (tests/unit/training-quiz.test.ts).
 */

export type Option = { id: string; text: string };
export type Question = { id: string; prompt: string; kind: "single" | "multiple"; options: Option[]; correct: string[] };
/** What the participant's browser gets: no `correct` field at all. */
export type PublicQuestion = Omit<Question, "correct">;

/** mulberry32: a tiny seeded generator, so an attempt shows the same order on every reload. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Questions and their options in the attempt's order, with the answers stripped. */
export function shuffledQuiz(questions: readonly Question[], seed: number): PublicQuestion[] {
  const next = random(seed);
  return shuffle(questions, next).map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: shuffle(q.options, next) }));
}

export type Answers = Record<string, string[]>;
export type QuestionResult = { questionId: string; correct: boolean };
export type Score = { correctCount: number; questionCount: number; scorePercent: number; passed: boolean; results: QuestionResult[] };

/**
 * All-or-nothing per question: a single-choice question is right when the one chosen option is
 * the right one; a multiple-choice question when exactly the right set is chosen. Options that
 * do not belong to the question are ignored, never counted. The pass test is integer
 * arithmetic (correct * 100 >= passMark * total), so 4 of 5 at an 80% mark passes exactly.
 */
export function scoreQuiz(questions: readonly Question[], answers: Answers, passMark: number): Score {
  const results = questions.map((q) => {
    const valid = new Set(q.options.map((o) => o.id));
    const chosen = [...new Set((answers[q.id] ?? []).filter((a) => valid.has(a)))];
    const right = new Set(q.correct);
    const correct =
      q.kind === "single" ? chosen.length === 1 && right.has(chosen[0]) : chosen.length === right.size && chosen.every((c) => right.has(c));
    return { questionId: q.id, correct };
  });
  const questionCount = questions.length;
  const correctCount = results.filter((r) => r.correct).length;
  return {
    correctCount,
    questionCount,
    scorePercent: questionCount ? Math.floor((correctCount * 100) / questionCount) : 0,
    passed: questionCount > 0 && correctCount * 100 >= passMark * questionCount,
    results,
  };
}

/** Which questions have no answer yet: the form asks for them instead of scoring a blank. */
export function unanswered(questions: readonly Pick<Question, "id">[], answers: Answers): string[] {
  return questions.filter((q) => !(answers[q.id] ?? []).length).map((q) => q.id);
}

export type PastAttempt = { submittedAt: Date; passed: boolean };
export type AttemptRule = { attemptsLimit: number; cooldownHours: number };
export type AttemptVerdict = { allowed: true; remaining: number } | { allowed: false; retryAt: Date };

/**
 * Failed attempts come in rounds of `attemptsLimit`. When a round is used up, the next attempt
 * may start only `cooldownHours` after the last failure; then a fresh round begins. A pass
 * ends the round too (a renewal later starts with a full round).
 */
export function attemptVerdict(history: readonly PastAttempt[], rule: AttemptRule, now: Date): AttemptVerdict {
  const cooldownMs = rule.cooldownHours * 3_600_000;
  let failures = 0;
  let lastFailure: Date | null = null;
  for (const a of [...history].sort((x, y) => x.submittedAt.getTime() - y.submittedAt.getTime())) {
    if (a.passed) {
      failures = 0;
      lastFailure = null;
      continue;
    }
    if (failures >= rule.attemptsLimit && lastFailure && a.submittedAt.getTime() >= lastFailure.getTime() + cooldownMs) failures = 0;
    failures++;
    lastFailure = a.submittedAt;
  }
  if (failures < rule.attemptsLimit) return { allowed: true, remaining: rule.attemptsLimit - failures };
  const retryAt = new Date(lastFailure!.getTime() + cooldownMs);
  if (now.getTime() >= retryAt.getTime()) return { allowed: true, remaining: rule.attemptsLimit };
  return { allowed: false, retryAt };
}

/** A problem with a question as the trainer wrote it; publishing is refused while any exists. */
export function questionProblem(q: Pick<Question, "kind" | "options" | "correct">): string | null {
  if (q.options.length < 2) return "training.question.too_few_options";
  const ids = new Set(q.options.map((o) => o.id));
  if (!q.correct.length || q.correct.some((c) => !ids.has(c))) return "training.question.no_correct";
  if (q.kind === "single" && q.correct.length !== 1) return "training.question.single_one_correct";
  return null;
}

/** One question of a scored attempt as its taker may see it again: what they chose and whether it was right, never the key. */
export type ReviewedQuestion = { id: string; prompt: string; chosen: string[]; correct: boolean };

/**
 * A failed attempt reviewed: the questions in the order that attempt showed them, each with the
 * options the person picked and a right/wrong mark. The right answers are not revealed, so a
 * retry still tests what they learned rather than what they read here.
 */
export function reviewAttempt(questions: readonly Question[], answers: Answers, seed: number, passMark: number): ReviewedQuestion[] {
  const verdicts = new Map(scoreQuiz(questions, answers, passMark).results.map((r) => [r.questionId, r.correct]));
  return shuffledQuiz(questions, seed).map((q) => {
    const picked = new Set(answers[q.id] ?? []);
    return {
      id: q.id,
      prompt: q.prompt,
      chosen: q.options.filter((o) => picked.has(o.id)).map((o) => o.text),
      correct: !!verdicts.get(q.id),
    };
  });
}
