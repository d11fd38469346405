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
});
