import { DomainError } from './domain-error';
import { findUnstorableText, UnstorableTextPipe } from './unstorable-text.pipe';

describe('UnstorableTextPipe', () => {
  const pipe = new UnstorableTextPipe();

  it('lets unusual but real text through: RTL, zero-width, emoji, combining marks', () => {
    const body = { name: '\u202Eمستشفى\u200B 👩🏽‍⚕️ Z̷a̶', tags: ['𝕿𝖊𝖘𝖙'] };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it.each([
    ['NUL', { a: { b: ['x', 'y\u0000'] } }, 'a.b.1'],
    ['a lone high surrogate', { name: 'a\uD800' }, 'name'],
    ['a lone low surrogate', 'x\uDFFF', '(root)'],
    ['NUL in a key', { ['k\u0000']: 1 }, 'k\u0000'],
  ])('refuses %s with its path', (_what, value, path) => {
    expect(findUnstorableText(value)).toBe(path);
    expect(() => pipe.transform(value, { type: 'body' })).toThrow(DomainError);
  });

  it('does not look at what is not request input, and survives deep nesting', () => {
    expect(pipe.transform('\u0000', { type: 'custom' })).toBe('\u0000');
    let deep: unknown = 'ok';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)).toBeUndefined();
  });
});
