import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from './errors.js';
import { renderMessageTemplate } from './message-template.js';

const render = (template: string, values: Record<string, string>) =>
  renderMessageTemplate('createChatterPost', 'sf_message', template, values);

describe('renderMessageTemplate', () => {
  it('replaces every {{ key }} with the key trimmed', () => {
    expect(
      render('Call from {{phone}} ({{ phone }}), queue {{  queue }}.', { phone: '+44', queue: 'Sales' }),
    ).toBe('Call from +44 (+44), queue Sales.');
    expect(render('no placeholders', {})).toBe('no placeholders');
  });

  it('does not re-expand placeholders that appear in a value', () => {
    expect(render('{{a}}', { a: 'x }} y' })).toBe('x }} y');
  });

  it.each([
    ['{{missing}}', {}, /sf_message' uses \{\{missing\}\} but no parameter 'missing'/],
    ['open {{ a', { a: '1' }, /sf_message' has '\{\{' without '\}\}'/],
    ['close a }}', { a: '1' }, /sf_message' has '\}\}' without '\{\{'/],
    ['{{a}} }}', { a: '1' }, /'\}\}' without '\{\{'/],
    ['{{ {{a}}', { a: '1' }, /'\{\{' without '\}\}'/],
    ['{{a}}', { a: 'x {{b}}' }, /parameter 'a' contains '\{\{'/],
  ])('%j is an error naming the operation and the parameter', (template, values, message) => {
    expect(() => render(template, values)).toThrowError(InvalidParameterError);
    expect(() => render(template, values)).toThrowError(message);
    expect(() => render(template, values)).toThrowError(/^createChatterPost: /);
  });
});
