/**
 * Interviews printed as questions and answers ("Q: Why did you start?" / "A: Because nobody else
 * would."). The labels name no one: read as transcript labels they made speakers called "Q" and "A"
 * (QA 8, E1). The answers are the interviewee's own words; the questions are the interviewer's and
 * nobody quotes them. The interviewee is whoever the article labels by name elsewhere in the
 * transcript ("Sunniva Brekke: I will keep going …"), else the person the title opens with, quoting
 * them ("Sunniva Brekke: 'The river is our museum'"), when the text names them too; with neither, or
 * two candidates, the answers stay unattributed rather than guessed (an explainer printed as Q&A
 * answers in the writer's voice).
 */

const QUESTION = /^\s*(?:Q|Question)\s*:\s+\S/;
const ANSWER = /^\s*(?:A|Answer)\s*:\s+\S/;
const QUESTIONS = /^[ \t]*(?:Q|Question)[ \t]*:[ \t]+\S/gm;
const ANSWERS = /^[ \t]*(?:A|Answer)[ \t]*:[ \t]+\S/gm;
/** A full name of two or three capitalised words, then a colon (a transcript label or a title's speaker). */
const NAME_LABEL = /^[ \t]*(\p{Lu}[\p{L}'’.-]+(?:[ \t]+\p{Lu}[\p{L}'’.-]+){1,2})[ \t]*:[ \t]+\S/gmu;
/** An interview's title: the interviewee, a colon, their words in quote marks ("Sunniva Brekke: 'The river is our museum'"). */
const TITLE_NAME = /^\s*(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,2})\s*:\s*["'‘“]/u;
/** Labels that are sections or furniture, not people ("Editor's Note:", "Photo Credit:"). */
const NOT_A_NAME = /\b(?:note|credit|update|correction|clarification|editor|photo|video|source|read|related|watch|listen|live|breaking|exclusive|opinion|analysis)\b/i;

export interface Interview {
  /** The interviewee's name as the article writes it, or null when the article does not settle it. */
  interviewee: string | null;
}

/** The article's Q&A form, when it has at least one question and one answer label. */
export function findInterview(title: string, text: string): Interview | null {
  if ((text.match(QUESTIONS) ?? []).length === 0 || (text.match(ANSWERS) ?? []).length === 0) return null;
  const labelled = new Set<string>();
  for (const m of text.matchAll(NAME_LABEL)) if (!NOT_A_NAME.test(m[1]!)) labelled.add(m[1]!);
  if (labelled.size === 1) return { interviewee: [...labelled][0]! };
  if (labelled.size > 1) return { interviewee: null };
  // (An explainer is printed as Q&A too — "Supreme Court: what the ruling means" — and its answers
  // are the writer's: only a title quoting its person, who the text names again, names one.)
  const t = TITLE_NAME.exec(title);
  const surname = t?.[1]!.split(/\s+/).pop();
  return { interviewee: t && surname && text.includes(surname) && !NOT_A_NAME.test(t[1]!) ? t[1]! : null };
}

/** Which Q&A label a paragraph opens with. */
export function qaTurn(paragraph: string): 'question' | 'answer' | null {
  if (QUESTION.test(paragraph)) return 'question';
  if (ANSWER.test(paragraph)) return 'answer';
  return null;
}

/** Whether a transcript label is a Q&A label rather than a name. */
export function isQaLabel(label: string): boolean {
  return /^(?:Q|A|Question|Answer)$/.test(label.trim());
}
