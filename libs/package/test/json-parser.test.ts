import { describe, expect, it } from 'vitest';
import { compileTemplate, encodeText, renderTemplate } from '../src/index.js';
import { readJsonFile } from '../src/json/read-json.js';

function read(text: string, placeholders = false) {
  return readJsonFile('doc.json', encodeText(text), { placeholders });
}

describe('JSON files', () => {
  it.each([
    ['an object', '{"a": [1, -2.5e3, true, false, null, "x"]}', { a: [1, -2500, true, false, null, 'x'] }],
    ['escapes', '"a\\"b\\\\c\\/d\\n\\u00e9"', 'a"b\\c/d\né'],
    ['a byte order mark', '\ufeff{"a": 1}', { a: 1 }],
    ['nested empties', '{"a": {}, "b": []}', { a: {}, b: [] }],
  ])('parses %s', (_name, text, value) => {
    expect(read(text)).toMatchObject({ value, problems: [] });
  });

  it.each([
    ['a trailing comma', '{"a": 1,}', 'line 1, column 9: expected a quoted key'],
    ['a missing colon', '{\n  "a" 1\n}', 'line 2, column 7: expected ":"'],
    ['an unterminated string', '{"a": "b', 'line 1, column 9: unterminated string'],
    ['a raw newline in a string', '"a\nb"', 'line 1, column 3: control character in a string'],
    ['a bad escape', '"\\x"', 'line 1, column 2: invalid escape \\x'],
    ['an unquoted word', '{"a": yes}', 'line 1, column 7: expected a value'],
    ['a number out of range', '1e999', 'line 1, column 6: number out of range'],
    ['text after the document', '{} {}', 'line 1, column 4: unexpected'],
    ['a placeholder in a plain JSON file', '{"a": {{b}}}', 'line 1, column 8: expected a quoted key'],
    ['nesting 1,000 levels deep', '['.repeat(1000), 'nesting deeper than 200 levels'],
  ])('reports %s with its line and column', (_name, text, message) => {
    const { problems } = read(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'json.syntax', file: 'doc.json', path: '$' });
    expect(problems[0]?.message).toContain(message);
  });

  it('reports every duplicate key with its path and line', () => {
    const { problems } = read('{"a": 1,\n "b": {"c": 1, "c": 2},\n "a": 3}');
    expect(problems.map((p) => `${p.path} ${p.message}`)).toEqual(['b.c line 2, column 16: the key appears more than once', 'a line 3, column 2: the key appears more than once']);
  });

  it('reports bytes that are not UTF-8', () => {
    expect(readJsonFile('doc.json', new Uint8Array([0x7b, 0xff, 0x7d])).problems.map((p) => p.code)).toEqual(['file.encoding']);
  });
});

describe('blueprint templates', () => {
  it.each([
    ['unquoted (AppCenter)', '{"n": {{a.n}}}', { n: 7 }],
    ['quoted (OpenPitrix)', '{"n": "{{.a.n}}"}', { n: 7 }],
    ['spaces inside the braces', '{"n": {{ .a.n }}, "m": " {{ a.s }} "}', { n: 7, m: ' x-y ' }],
    ['interpolated', '{"s": "{{a.s}}:{{.a.n}}/{{a.b}}"}', { s: 'x-y:7/false' }],
    ['a key with dashes', '{"d": {{a.with-dash}}}', { d: 'dash' }],
    ['a key with dots', '{"d": {{a.with.dot}}}', { d: 'dot' }],
    ['placeholders in arrays', '[{{a.n}}, "{{.a.s}}", "<{{a.n}}>"]', [7, 'x-y', '<7>']],
  ])('renders %s', (_name, text, expected) => {
    const { template, problems } = compileTemplate('t', encodeText(text));
    expect(problems).toEqual([]);
    const values = { a: { n: 7, s: 'x-y', b: false, 'with-dash': 'dash', 'with.dot': 'dot' } };
    expect(renderTemplate(template as NonNullable<typeof template>, values)).toMatchObject({ value: expected, problems: [] });
  });

  it.each([
    ['an unclosed placeholder', '{"a": {{b}', 'unclosed placeholder'],
    ['an unclosed placeholder in a string', '{"a": "{{b"}', 'unclosed placeholder'],
    ['a pipeline', '{"a": "{{.b | upper}}"}', 'unsupported placeholder'],
    ['an if block', '{"a": "{{if .b}}x{{end}}"}', 'unsupported placeholder'],
    ['a mustache section', '{"a": "{{#b}}x{{/b}}"}', 'unsupported placeholder'],
    ['an empty placeholder', '{"a": {{}}}', 'unsupported placeholder'],
  ])('refuses %s', (_name, text, message) => {
    const { template, problems } = compileTemplate('t', encodeText(text));
    expect(template).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['template.syntax']);
    expect(problems[0]?.message).toContain(message);
  });
});
