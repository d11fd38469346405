import { describe, expect, it } from 'vitest';
import { routeMessage, stripMentions } from '../src/intent/route.js';

describe('routeMessage: natural questions', () => {
  it.each([
    ['who said it didn\'t happen?', 'whosaid', { words: "it didn't happen" }],
    ['<@U012ABC> who said "I get great intel"?', 'whosaid', { words: 'I get great intel' }],
    ['Who told Buzzfeed they would not trust a partner', 'whosaid', { words: 'Buzzfeed they would not trust a partner' }],
    ['what did McMaster say about the meeting', 'speaker', { name: 'McMaster', query: 'meeting' }],
    ['@factbot What did H.R. McMaster say about the meeting?', 'speaker', { name: 'H.R. McMaster', query: 'meeting' }],
    ['what has Dermer said', 'speaker', { name: 'Dermer' }],
    ['What did Trump tweet about Russia?', 'speaker', { name: 'Trump', query: 'Russia' }],
    ['what did the mayor write about the harbour', 'speaker', { name: 'the mayor', query: 'harbour' }],
    ['who tweeted that the meeting was a success', 'whosaid', { words: 'the meeting was a success' }],
    ['quotes from Trump about intel', 'speaker', { name: 'Trump', query: 'intel' }],
    ['sources for Israel was the source', 'sources', { claim: 'Israel was the source' }],
    ['which outlets report that Israel was the source?', 'sources', { claim: 'Israel was the source' }],
    ['Which outlets reported the laptop bomb plot', 'sources', { claim: 'the laptop bomb plot' }],
    ['is it true that Trump shared code word information?', 'sources', { claim: 'Trump shared code word information' }],
    ['great intel', 'quote', { query: 'great intel' }],
    ['find routine sharing of information', 'quote', { query: 'routine sharing of information' }],
    ['mcmastr denid story', 'quote', { query: 'mcmastr denid story' }],
    ["who said that Trump's disclosure was wholly appropriate", 'whosaid', { words: "Trump's disclosure was wholly appropriate" }],
    ["what's the source for the laptop bomb claim", 'sources', { claim: 'the laptop bomb claim' }],
    ['sources: Israel was the source', 'sources', { claim: 'Israel was the source' }],
    ['who reported that Trump shared information with Russia?', 'sources', { claim: 'Trump shared information with Russia' }],
    ['Who is Ron Dermer?', 'speaker', { name: 'Ron Dermer' }],
    ['tell me about McMaster', 'speaker', { name: 'McMaster' }],
    ['tell me about the meeting', 'quote', { query: 'tell me about the meeting' }],
    // A greeting or a polite frame is not part of the request (QA 7 F10).
    ["Hey @factbot who said it didn't happen?", 'whosaid', { words: "it didn't happen" }],
    ['hi, which outlets report that Israel was the source?', 'sources', { claim: 'Israel was the source' }],
    ['could you please tell me who said "I get great intel"', 'whosaid', { words: 'I get great intel' }],
    ['do you know what McMaster said about the meeting', 'speaker', { name: 'McMaster', query: 'meeting' }],
    ['can you find quotes about the laptop ban', 'quote', { query: 'quotes about the laptop ban' }],
    ['hi-tech exports', 'quote', { query: 'hi-tech exports' }],
    // A quote that opens like a polite frame is still the quote.
    ['will you stand down', 'quote', { query: 'will you stand down' }],
    ['What Trump tweeted about Russia', 'speaker', { name: 'Trump', query: 'Russia' }],
    ['what officials said about the port', 'quote', { query: 'what officials said about the port' }],
  ])('%s → %s', (text, command, args) => {
    expect(routeMessage(text)).toEqual({ type: 'command', command, args });
  });

  it.each(['check this', '@factbot check this', 'sources?', '<@U1> sources?', 'Is this true?', 'fact-check this please', 'who said this?', 'can you check this', 'Hey @factbot, could you fact-check this?'])(
    '%s → check-thread',
    (text) => {
      expect(routeMessage(text)).toEqual({ type: 'check-thread' });
    },
  );

  it.each(['', '   ', '<@U012ABC>', 'help', 'what can you do?', '/help', '/factbot', 'who are you?', 'What is factbot?', 'are you a bot?', 'what do you do'])('"%s" → help', (text) => {
    expect(routeMessage(text)).toEqual({ type: 'help' });
  });
});

describe('routeMessage: command syntax', () => {
  it('takes slash commands with their arguments', () => {
    expect(routeMessage('/quote great intel speaker:trump')).toEqual({
      type: 'command',
      command: 'quote',
      args: { query: 'great intel', speaker: 'trump' },
    });
    expect(routeMessage('/whosaid it didn\'t happen')).toEqual({
      type: 'command',
      command: 'whosaid',
      args: { words: "it didn't happen" },
    });
    expect(routeMessage('/speaker McMaster meeting')).toEqual({
      type: 'command',
      command: 'speaker',
      args: { query: 'McMaster meeting' },
    });
    expect(routeMessage('/factbot help quote')).toEqual({
      type: 'command',
      command: 'factbot',
      subcommand: 'help',
      args: { command: 'quote' },
    });
  });

  it('takes a bare command word as the command', () => {
    expect(routeMessage('whosaid great intel')).toMatchObject({ command: 'whosaid', args: { words: 'great intel' } });
    expect(routeMessage('sources Israel was the source')).toMatchObject({
      command: 'sources',
      args: { claim: 'Israel was the source' },
    });
  });

  it('an unknown slash command is named as unknown (help), not searched as words', () => {
    expect(routeMessage('/nonsense words here')).toEqual({
      type: 'command',
      command: 'factbot',
      subcommand: 'help',
      args: { command: 'nonsense' },
    });
  });

  it.each(['help quote', '/help quote', 'help for quote?', 'usage quote'])('"%s" → help for quote', (text) => {
    expect(routeMessage(text)).toEqual({ type: 'command', command: 'factbot', subcommand: 'help', args: { command: 'quote' } });
  });

  it('"help" before a word that is no command is help for that (unknown) command, not a search', () => {
    expect(routeMessage('help nonexistent')).toEqual({
      type: 'command',
      command: 'factbot',
      subcommand: 'help',
      args: { command: 'nonexistent' },
    });
    expect(routeMessage('help me')).toEqual({ type: 'help' });
  });

  it('"/factbot <command> …" is "/<command> …"; "/factbot help" is help; "/factbot x" names x as unknown', () => {
    expect(routeMessage('/factbot quote great intel')).toEqual({ type: 'command', command: 'quote', args: { query: 'great intel' } });
    expect(routeMessage('/factbot /whosaid great intel')).toEqual({ type: 'command', command: 'whosaid', args: { words: 'great intel' } });
    expect(routeMessage('/factbot help')).toEqual({ type: 'command', command: 'factbot', subcommand: 'help', args: {} });
    expect(routeMessage('/factbot /help quote')).toEqual({ type: 'command', command: 'factbot', subcommand: 'help', args: { command: 'quote' } });
    expect(routeMessage('/factbot nonexistent foo')).toEqual({
      type: 'command',
      command: 'factbot',
      subcommand: 'help',
      args: { command: 'nonexistent' },
    });
  });

  it.each(['who said', 'Who said?'])('"%s" alone → the whosaid usage', (text) => {
    expect(routeMessage(text)).toEqual({ type: 'command', command: 'whosaid', args: {} });
  });

  it.each([
    ['What did H.R. McMaster say?', { name: 'H.R. McMaster' }],
    ['what did Trump say?', { name: 'Trump' }],
    ['What did McMaster say about the meeting?', { name: 'McMaster', query: 'meeting' }],
  ])('%s → speaker (trailing punctuation)', (text, args) => {
    expect(routeMessage(text)).toEqual({ type: 'command', command: 'speaker', args });
  });
});

describe('routeMessage: thanks and greetings are not searches', () => {
  // In a DM or a thread every message reaches factbot: "thanks" under an answer searched the
  // corpus for "thanks", and a 👍 alone showed the help.
  it.each([
    'thanks', 'Thanks!', 'thank you', 'Thank you so much, factbot!', 'ok thanks', 'Great, thanks a lot',
    'thx', 'ty 🙏', 'cheers', 'much appreciated', 'ok', 'perfect, got it', 'cool thanks for the help',
    '<@U0ABC> thanks', '👍', '🙏🏽', '👍 👍',
  ])('"%s" → thanks', (text) => {
    expect(routeMessage(text)).toEqual({ type: 'thanks' });
  });

  it.each([
    ['thanks to the sanctions, prices fell', 'quote'],
    ['thank you for your service', 'quote'],
    ['great intel', 'quote'],
    ['who said thanks', 'whosaid'],
    ['/quote thanks', 'quote'],
  ])('"%s" stays a question', (text, command) => {
    expect(routeMessage(text)).toMatchObject({ type: 'command', command });
  });

  it.each(['hello', 'Hi!', 'hey factbot', 'good morning', 'hello there'])('"%s" alone → help', (text) => {
    expect(routeMessage(text)).toEqual({ type: 'help' });
  });
});

describe('stripMentions', () => {
  it('removes Slack and Discord mentions of the bot', () => {
    expect(stripMentions('<@U0ABC|factbot> hello')).toBe('hello');
    expect(stripMentions('<@!123456789> hello <@987>')).toBe('hello');
    expect(stripMentions('@factbot: hello')).toBe('hello');
  });
});
