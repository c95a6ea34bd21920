import { Badge, MultiSelect, NumberInput, PasswordInput, Select, Switch, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { UnparsedJson, type FormNode } from './form-model.js';

export interface FieldProps {
  readonly node: FormNode;
  /** The field's JSON path key, also its id and test id. */
  readonly fieldKey: string;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  /** The API's problems with this field's value. */
  readonly error?: string;
}

/** The label with what a user must know before creating: fixed once created (inline, so the required mark follows it). */
function FieldLabel({ node }: { node: FormNode }) {
  return (
    <span>
      {node.label}
      {!node.changeable && (
        <Badge size="xs" color="dark" variant="outline" component="span" ml={6} data-testid="fixed-after-create">
          fixed after create
        </Badge>
      )}
    </span>
  );
}

/** The field's description with its rules, so a user sees them before the API refuses. */
function describe(node: FormNode): ReactNode {
  const rules = [
    node.min !== undefined && node.max !== undefined ? `${node.min} to ${node.max}` : node.min !== undefined ? `at least ${node.min}` : node.max !== undefined ? `at most ${node.max}` : undefined,
    node.step !== undefined ? `in steps of ${node.step}` : undefined,
    node.pattern ? `pattern ${node.pattern}` : undefined,
  ].filter((rule): rule is string => rule !== undefined);
  const text = [node.description, rules.length > 0 ? rules.join(', ') : undefined].filter(Boolean).join(' · ');
  return text || undefined;
}

/** Options keep their JSON type: the select shows strings, the value sent is the option itself. */
function optionData(options: readonly unknown[]) {
  return options.map((option) => ({ value: JSON.stringify(option), label: String(option) }));
}

function optionOf(options: readonly unknown[], encoded: string | null): unknown {
  return options.find((option) => JSON.stringify(option) === encoded);
}

function jsonText(value: unknown): string {
  if (value instanceof UnparsedJson) return value.text;
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/**
 * A field whose value is any JSON (a chart's arrays): typed as JSON text and parsed on each change,
 * so the value sent is the parsed one; empty text leaves the package default.
 */
function JsonField({ node, fieldKey, value, onChange, error }: FieldProps) {
  // The text as typed: re-formatting the parsed value on each key stroke would move the caret.
  const [text, setText] = useState(() => jsonText(value));
  const change = (next: string) => {
    setText(next);
    if (!next.trim()) return onChange(undefined);
    try {
      onChange(JSON.parse(next) as unknown);
    } catch (err) {
      onChange(new UnparsedJson(next, `${node.label} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  return (
    <Textarea
      {...commonProps(node, fieldKey, value instanceof UnparsedJson ? value.message : error)}
      autosize
      minRows={2}
      maxRows={16}
      styles={{
        // Mantine's error red (red-6) fails WCAG AA contrast on white; a parse error shows as the user types.
        root: { '--mantine-color-error': 'var(--mantine-color-red-9)' },
        input: { fontFamily: 'var(--mantine-font-family-monospace)' },
      }}
      spellCheck={false}
      autoComplete="off"
      placeholder={node.default !== undefined ? `default ${JSON.stringify(node.default)}` : 'JSON'}
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
    />
  );
}

/** What every field shows: its id and test id by its key, its label, rules and problems. */
function commonProps(node: FormNode, fieldKey: string, error: string | undefined) {
  return { id: `field-${fieldKey}`, label: <FieldLabel node={node} />, description: describe(node), required: node.required, error, 'data-testid': `field-${fieldKey}` };
}

/** One config.json field drawn as its widget: ranges as selects, numbers with their bounds, passwords masked. */
export function ConfigField({ node, fieldKey, value, onChange, error }: FieldProps) {
  const common = commonProps(node, fieldKey, error);
  const options = node.options ?? [];
  switch (node.widget) {
    case 'select':
      return <Select {...common} data={optionData(options)} value={value === undefined ? null : JSON.stringify(value)} onChange={(encoded) => onChange(optionOf(options, encoded))} allowDeselect={!node.required} />;
    case 'multiselect': {
      // A multichoice value is a list, or the package's separator-joined default.
      const selected = Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? value.split(',') : [];
      return <MultiSelect {...common} data={optionData(options)} value={selected.map((item) => JSON.stringify(item))} onChange={(encoded) => onChange(encoded.map((item) => optionOf(options, item)))} />;
    }
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
          min={node.min}
          max={node.max}
          step={node.step ?? 1}
          allowDecimal={node.type !== 'integer'}
          // Out-of-range values are kept, not clamped, so the API's own check reports them by field.
          clampBehavior="none"
          placeholder={node.default !== undefined ? `default ${String(node.default)}` : undefined}
        />
      );
    case 'secret':
      return <PasswordInput {...common} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.currentTarget.value)} autoComplete="new-password" />;
    case 'json':
      return <JsonField node={node} fieldKey={fieldKey} value={value} onChange={onChange} error={error} />;
    case 'toggle':
      return <Switch {...common} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} />;
    default:
      return <TextInput {...common} value={typeof value === 'string' ? value : value === undefined ? '' : String(value)} onChange={(event) => onChange(event.currentTarget.value)} />;
  }
}
