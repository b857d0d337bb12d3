import { describe, expect, it } from "vitest";
import { attemptVerdict, questionProblem, type Question, scoreQuiz, shuffledQuiz, unanswered } from "../../app/domain/training/quiz";

const questions: Question[] = [
  {
    id: "q1",
    prompt: "One right",
    kind: "single",
    options: [
      { id: "a", text: "A" },
      { id: "b", text: "B" },
      { id: "c", text: "C" },
    ],
    correct: ["b"],
  },
  {
    id: "q2",
    prompt: "Two right",
    kind: "multiple",
    options: [
      { id: "a", text: "A" },
      { id: "b", text: "B" },
      { id: "c", text: "C" },
    ],
    correct: ["a", "c"],
  },
  {
    id: "q3",
    prompt: "Third",
    kind: "single",
    options: [
      { id: "x", text: "X" },
      { id: "y", text: "Y" },
    ],
    correct: ["x"],
  },
  {
    id: "q4",
    prompt: "Fourth",
    kind: "single",
    options: [
      { id: "x", text: "X" },
      { id: "y", text: "Y" },
    ],
    correct: ["y"],
  },
  {
    id: "q5",
    prompt: "Fifth",
    kind: "multiple",
    options: [
      { id: "x", text: "X" },
      { id: "y", text: "Y" },
      { id: "z", text: "Z" },
    ],
    correct: ["z"],
  },
];
const allRight = { q1: ["b"], q2: ["c", "a"], q3: ["x"], q4: ["y"], q5: ["z"] };

describe("quiz scoring", () => {
  it("passes at exactly the pass mark and fails one answer below it", () => {
    const fourOfFive = scoreQuiz(questions, { ...allRight, q4: ["x"] }, 80);
    expect(fourOfFive).toMatchObject({ correctCount: 4, questionCount: 5, scorePercent: 80, passed: true });
    const threeOfFive = scoreQuiz(questions, { ...allRight, q4: ["x"], q3: ["y"] }, 80);
    expect(threeOfFive).toMatchObject({ correctCount: 3, scorePercent: 60, passed: false });
  });

  it("counts a multiple-choice question only when exactly the right set is chosen", () => {
    const missing = scoreQuiz(questions, { ...allRight, q2: ["a"] }, 100);
    const extra = scoreQuiz(questions, { ...allRight, q2: ["a", "b", "c"] }, 100);
    expect(missing.results.find((r) => r.questionId === "q2")?.correct).toBe(false);
    expect(extra.results.find((r) => r.questionId === "q2")?.correct).toBe(false);
    expect(scoreQuiz(questions, allRight, 100).passed).toBe(true);
  });

  it("does not let a single-choice question be gamed by sending every option", () => {
    const r = scoreQuiz(questions, { ...allRight, q1: ["a", "b", "c"] }, 100);
    expect(r.results.find((x) => x.questionId === "q1")?.correct).toBe(false);
  });

  it("ignores option ids that do not belong to the question, and duplicates", () => {
    expect(scoreQuiz(questions, { ...allRight, q5: ["z", "z", "forged"] }, 100).passed).toBe(true);
    expect(scoreQuiz(questions, { ...allRight, q3: ["b"] }, 100).passed).toBe(false);
  });

  it("lists unanswered questions instead of scoring a blank", () => {
    expect(unanswered(questions, { q1: ["b"], q2: [] })).toEqual(["q2", "q3", "q4", "q5"]);
  });

  it("shuffles questions and options the same way for the same seed, and strips the answers", () => {
    const a = shuffledQuiz(questions, 12345);
    const b = shuffledQuiz(questions, 12345);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toContain("correct");
    const orders = new Set(
      Array.from({ length: 20 }, (_, seed) =>
        shuffledQuiz(questions, seed + 1)
          .map((q) => q.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
    expect(a.map((q) => q.id).sort()).toEqual(questions.map((q) => q.id));
  });
});

describe("attempt rules", () => {
  const rule = { attemptsLimit: 3, cooldownHours: 24 };
  const t0 = new Date("2026-05-01T10:00:00Z");
  const at = (h: number) => new Date(t0.getTime() + h * 3_600_000);
  const fail = (h: number) => ({ submittedAt: at(h), passed: false });

  it("allows attempts until the limit, then waits for the cool-down after the last failure", () => {
    expect(attemptVerdict([], rule, t0)).toEqual({ allowed: true, remaining: 3 });
    expect(attemptVerdict([fail(0), fail(1)], rule, at(2))).toEqual({ allowed: true, remaining: 1 });
    const blocked = attemptVerdict([fail(0), fail(1), fail(2)], rule, at(3));
    expect(blocked).toEqual({ allowed: false, retryAt: at(26) });
    expect(attemptVerdict([fail(0), fail(1), fail(2)], rule, at(25.99)).allowed).toBe(false);
    expect(attemptVerdict([fail(0), fail(1), fail(2)], rule, at(26))).toEqual({ allowed: true, remaining: 3 });
  });

  it("starts a fresh round after the cool-down, and blocks again when that round is used up", () => {
    const history = [fail(0), fail(1), fail(2), fail(30), fail(31)];
    expect(attemptVerdict(history, rule, at(32))).toEqual({ allowed: true, remaining: 1 });
    expect(attemptVerdict([...history, fail(32)], rule, at(33))).toEqual({ allowed: false, retryAt: at(56) });
  });

  it("a pass resets the count (a later renewal starts with every try)", () => {
    expect(attemptVerdict([fail(0), fail(1), { submittedAt: at(2), passed: true }], rule, at(3))).toEqual({ allowed: true, remaining: 3 });
  });

  it("with no cool-down the next round starts at once", () => {
    expect(attemptVerdict([fail(0), fail(1), fail(2)], { attemptsLimit: 3, cooldownHours: 0 }, at(2))).toEqual({
      allowed: true,
      remaining: 3,
    });
  });
});

describe("question authoring rules", () => {
  it("refuses questions a participant could never answer right", () => {
    expect(questionProblem({ kind: "single", options: [{ id: "a", text: "A" }], correct: ["a"] })).toBe(
      "training.question.too_few_options",
    );
    expect(
      questionProblem({
        kind: "single",
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        correct: [],
      }),
    ).toBe("training.question.no_correct");
    expect(
      questionProblem({
        kind: "single",
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        correct: ["a", "b"],
      }),
    ).toBe("training.question.single_one_correct");
    expect(
      questionProblem({
        kind: "multiple",
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
        ],
        correct: ["a", "b"],
      }),
    ).toBeNull();
  });
});
