import { describe, expect, it } from 'vitest';
import { extractStatements } from '../src/extract/index.js';
import { findOutletMentions, outletFromPhrase } from '../src/extract/outlets.js';
import type { Article } from '../src/domain/article.js';

const article = (text: string): Article => ({ id: 't', title: 't', outlet: null, url: null, published: null, author: null, text, source: 't', contentHash: 'h' });
const run = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement');

describe('outlets', () => {
  it('canonicalises full names and usual short forms', () => {
    expect(outletFromPhrase('the New York Times')).toBe('The New York Times');
    expect(outletFromPhrase('AP')).toBe('Associated Press');
    expect(outletFromPhrase('Buzzfeed')).toBe('BuzzFeed');
    expect(outletFromPhrase('the town council')).toBeNull();
  });

  it('resolves "the Post" against the Post the article named', () => {
    expect(outletFromPhrase('the Post', ['New York Post'])).toBe('New York Post');
    expect(outletFromPhrase('the Post', ['The Washington Post'])).toBe('The Washington Post');
  });

  it('finds outlets named in text', () => {
    expect(findOutletMentions('Reporters from CNN and the Wall Street Journal waited.').map((o) => o.name)).toEqual(['CNN', 'The Wall Street Journal']);
  });

  it('takes the outlet words were told to', () => {
    const [s] = run('"The deal is dead," a union negotiator told Reuters.');
    expect(s).toMatchObject({ kind: 'direct', outlet: 'Reuters', speaker: 'a union negotiator' });
  });

  it('resolves "told the Post" once the article named The Washington Post', () => {
    const st = run('The Washington Post first reported the leak.', '"It was one file," an aide told the Post.');
    expect(st.find((s) => s.kind === 'direct')?.outlet).toBe('The Washington Post');
  });

  it('takes the outlet of "according to" and of "X reported"', () => {
    expect(run('According to AP, the talks collapsed overnight.')[0]).toMatchObject({ speaker: 'Associated Press', outlet: 'Associated Press' });
    expect(run('The New York Times reported the talks collapsed overnight.')[0]).toMatchObject({ speaker: 'The New York Times', outlet: 'The New York Times' });
  });

  it('takes the outlet of an interview, a programme or an introductory phrase', () => {
    expect(run('"We are ready," Ortiz said in an interview with CNN.')[0]?.outlet).toBe('CNN');
    expect(run('"We are ready," Ortiz said on Fox News Sunday.')[0]?.outlet).toBe('Fox News');
    expect(run('Speaking to the BBC, Ortiz said the bridge is ready.')[0]?.outlet).toBe('BBC');
    expect(run('"We are ready," Ortiz told reporters.')[0]?.outlet).toBeNull();
  });

  it('carries the outlet to the same speaker in the next paragraph', () => {
    const st = run('A park ranger told Buzzfeed the trail was closed.', '"Nobody should hike there this week," the ranger said.');
    expect(st[1]).toMatchObject({ outlet: 'BuzzFeed', speaker: 'A park ranger' });
  });

  it('a newspaper-shaped name not in the list: "told the Harbour Times"', () => {
    const [s] = run('"We never sold the land," Councillor Jo Reed told the Harbour Times on Monday.');
    expect(s).toMatchObject({ speaker: 'Jo Reed', outlet: 'The Harbour Times' });
    expect(outletFromPhrase('the Leeds Gazette')).toBe('The Leeds Gazette');
    // a person's name is not a masthead, nor is a phrase without its article
    expect(outletFromPhrase('Emily Post')).toBeNull();
    expect(outletFromPhrase('the end times')).toBeNull();
    const [r] = run('The Leeds Gazette reported that the mill would close.');
    expect(r).toMatchObject({ speaker: 'The Leeds Gazette', outlet: 'The Leeds Gazette' });
  });

  it('the article\'s own outlet gives the canonical form, and its short form', () => {
    const own = (text: string) => extractStatements({ ...article(text), outlet: 'Harbour Times' }).filter((s) => s.kind !== 'statement');
    expect(own('"No comment," Jo Reed told the Harbour Times.')[0]?.outlet).toBe('Harbour Times');
    expect(own('"No comment," Jo Reed told the Times.')[0]?.outlet).toBe('Harbour Times');
  });

  describe('a document an outlet obtained: the document speaks, the outlet reports', () => {
    it('"according to a report seen by the Gazette": speaker and outlet split', () => {
      const [s] = run('According to a harbour board report seen by the Gazette, the new pier will cost $4m.');
      expect(s).toMatchObject({ kind: 'indirect', speaker: 'a harbour board report', speakerMention: 'a harbour board report', speakerRole: null, outlet: 'The Gazette', quote: 'the new pier will cost $4m' });
      // the Gazette the article named: its canonical form
      const named = run('The Leeds Gazette has followed the pier for a year.', 'According to a council memo seen by the Gazette, the pier will open late.');
      expect(named[0]).toMatchObject({ speaker: 'a council memo', outlet: 'The Leeds Gazette' });
    });

    it('obtained by, shared with, reviewed by, after the words and with an adverb', () => {
      // (before: speaker "an email", but its mention and role kept "shared with CNN")
      expect(run('According to an email shared with CNN, the ferry operator cancelled the contract.')[0]).toMatchObject({ speaker: 'an email', speakerMention: 'an email', speakerRole: null, outlet: 'CNN', quote: 'the ferry operator cancelled the contract' });
      expect(run('The ferry will stop in May, according to a copy exclusively obtained by the Associated Press.')[0]).toMatchObject({ speaker: 'a copy', outlet: 'Associated Press', quote: 'The ferry will stop in May' });
      expect(run('According to a memo, seen by Reuters, the depot will close.')[0]).toMatchObject({ speaker: 'a memo', outlet: 'Reuters', quote: 'the depot will close' });
    });

    it('as the subject of the cue: "a draft reviewed by Reuters says", "documents seen by the BBC show"', () => {
      expect(run('A draft reviewed by Reuters says the harbour fund will close.')[0]).toMatchObject({ speaker: 'A draft', outlet: 'Reuters', quote: 'the harbour fund will close' });
      expect(run('Documents seen by the BBC show the ministry knew about the cracks.')[0]).toMatchObject({ speaker: 'Documents', outlet: 'BBC', quote: 'the ministry knew about the cracks' });
      expect(run('The memo, obtained by the New York Times, said the base would close.')[0]).toMatchObject({ speaker: 'The memo', outlet: 'The New York Times', quote: 'the base would close' });
      expect(run('"We will not pay for the dredging," the draft, seen by the BBC, says.')[0]).toMatchObject({ kind: 'direct', speaker: 'the draft', outlet: 'BBC' });
      // "show" without such a subject is the writer's statement, as before
      expect(run('Documents from the archive show the ministry knew about the cracks.')).toEqual([]);
    });

    it('the outlet of a document introducing a named speaker\'s words', () => {
      expect(run('In a letter obtained by CNN, Vale wrote that the quay would close.')[0]).toMatchObject({ speaker: 'Vale', outlet: 'CNN' });
    });

    it('no outlet, no split: "a report seen by thousands of people" (the same shape with an outlet splits)', () => {
      const [crowd, paper] = run('According to a report seen by thousands of people, the pier is unsafe.', 'According to a report seen by the Herald, the pier is unsafe.');
      expect(crowd).toMatchObject({ speaker: 'a report seen by thousands of people', outlet: null });
      expect(paper).toMatchObject({ speaker: 'a report', outlet: 'The Herald' });
    });
  });
});

describe('an outlet that reported the words is not their hearer', () => {
  const got = (...paras: string[]) => extractStatements(article(paras.join('\n'))).filter((s) => s.kind !== 'statement').map((s) => [s.speaker, s.outlet, s.cue]);

  it('"told reporters, according to the AP": the AP reports, and the cue is not "told" beside it', () => {
    expect(got('"The quay board has slept for years," Pell told reporters, according to the Associated Press.')).toEqual([['Pell', 'Associated Press', 'according to']]);
    expect(got('Pell told reporters the quay was unsafe, according to Reuters.')).toEqual([['Pell', 'Reuters', 'according to']]);
  });

  it('"…, according to X" after "said" is the outlet, not the cue\'s own hearer (before: nothing was reported)', () => {
    expect(got('Pell said the quay was unsafe, according to Reuters.')).toEqual([['Pell', 'Reuters', 'said']]);
  });

  it('an outlet the speaker talked to before does not carry to words told to reporters', () => {
    expect(got('Pell told CNN the quay was unsafe.', '"We are tired of waiting," Pell told reporters.')).toEqual([['Pell', 'CNN', 'told'], ['Pell', null, 'told']]);
    expect(got('Pell told CNN the quay was unsafe.', '"We are tired of waiting," Pell said.')).toEqual([['Pell', 'CNN', 'told'], ['Pell', 'CNN', 'said']]);
  });
});

describe('outlets and roles the QA found lost or garbled', () => {
  const one = (...paras: string[]) => extractStatements(article(paras.join('\n'))).find((s) => s.kind !== 'statement');

  it('"Reed told the BBC: “…”": a surname ending in -ed is a name, and the BBC the outlet', () => {
    expect(one('Tom Reed spoke on Monday.', 'Reed told the BBC: "I read the emails myself."')).toMatchObject({ speaker: 'Tom Reed', outlet: 'BBC', cue: 'told' });
  });

  it('"The Washington Post, citing three officials, reported …": the participle is no role', () => {
    expect(one('The Washington Post, citing three officials, reported that inspectors had visited the quay.')).toMatchObject({ speaker: 'The Washington Post', speakerRole: null, outlet: 'The Washington Post' });
  });

  it('"In remarks first reported by Politico, X said": Politico reported them, and carries no further', () => {
    const st = extractStatements(article(['Mayor Jo Vantner spoke on Monday.', 'In remarks first reported by Politico, Vantner said the town had been abandoned.', 'Vantner said she trusted the survey.'].join('\n'))).filter((s) => s.kind !== 'statement');
    expect(st.map((s) => s.outlet)).toEqual(['Politico', null]);
  });
});
